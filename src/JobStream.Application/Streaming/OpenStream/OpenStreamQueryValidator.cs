using FluentValidation;

namespace JobStream.Application.Streaming.OpenStream;

public sealed class OpenStreamQueryValidator : AbstractValidator<OpenStreamQuery>
{
    public OpenStreamQueryValidator()
    {
        RuleFor(q => q.ConnectionId).MustBeSafeKey("connection_id").When(q => q.ConnectionId is not null);
    }
}

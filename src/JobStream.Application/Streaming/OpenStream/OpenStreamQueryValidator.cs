using FluentValidation;

namespace JobStream.Application.Streaming.OpenStream;

public sealed class OpenStreamQueryValidator : AbstractValidator<OpenStreamQuery>
{
    public OpenStreamQueryValidator()
    {
        RuleFor(q => q.ConnectionId)
            .Matches(StreamKeys.SafeKeyPattern)
            .When(q => q.ConnectionId is not null)
            .WithMessage(StreamKeys.SafeKeyMessage)
            .OverridePropertyName("connection_id");
    }
}

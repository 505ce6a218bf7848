using FluentValidation;

namespace JobStream.Application.Streaming.ProgressStream;

public sealed class ProgressStreamQueryValidator : AbstractValidator<ProgressStreamQuery>
{
    public ProgressStreamQueryValidator()
    {
        RuleFor(q => q.UserId).MustBeSafeKey("user_id");
    }
}

using FluentValidation;

namespace JobStream.Application.Streaming.ProgressStream;

public sealed class ProgressStreamQueryValidator : AbstractValidator<ProgressStreamQuery>
{
    public ProgressStreamQueryValidator()
    {
        RuleFor(q => q.UserId).Matches(StreamKeys.SafeKeyPattern).WithMessage(StreamKeys.SafeKeyMessage).OverridePropertyName("user_id");
    }
}

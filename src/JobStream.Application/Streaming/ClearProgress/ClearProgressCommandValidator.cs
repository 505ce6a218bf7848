using FluentValidation;

namespace JobStream.Application.Streaming.ClearProgress;

public sealed class ClearProgressCommandValidator : AbstractValidator<ClearProgressCommand>
{
    public ClearProgressCommandValidator()
    {
        RuleFor(c => c.UserId).MustBeSafeKey("user_id");
    }
}

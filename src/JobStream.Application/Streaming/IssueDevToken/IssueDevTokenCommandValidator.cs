using FluentValidation;

namespace JobStream.Application.Streaming.IssueDevToken;

public sealed class IssueDevTokenCommandValidator : AbstractValidator<IssueDevTokenCommand>
{
    public IssueDevTokenCommandValidator()
    {
        RuleFor(command => command.Sub).MustBeSafeKey("sub");
    }
}

using FluentValidation;

namespace JobStream.Application.Streaming.GetProgress;

public sealed class GetProgressQueryValidator : AbstractValidator<GetProgressQuery>
{
    public GetProgressQueryValidator()
    {
        RuleFor(q => q.UserId).MustBeSafeKey("user_id");
    }
}

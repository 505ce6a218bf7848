using FluentValidation;

namespace JobStream.Application.Watches.FollowWatches;

public sealed class FollowWatchesQueryValidator : AbstractValidator<FollowWatchesQuery>
{
    public FollowWatchesQueryValidator()
    {
        RuleFor(q => q.LastEventId)
            .Must(id => FollowWatchesQuery.TryReadPosition(id, out _))
            .When(q => !string.IsNullOrEmpty(q.LastEventId))
            .WithMessage("Last-Event-ID of a watch stream is the number of the last event seen.")
            .OverridePropertyName("Last-Event-ID");
    }
}

using FluentValidation;

namespace JobStream.Application.Watches.FollowWatches;

public sealed class FollowWatchesQueryValidator : AbstractValidator<FollowWatchesQuery>
{
    public FollowWatchesQueryValidator()
    {
        RuleFor(q => q.LastEventId)
            .Must(id => long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0)
            .When(q => !string.IsNullOrEmpty(q.LastEventId))
            .WithMessage("Last-Event-ID of a watch stream is the number of the last event seen.")
            .OverridePropertyName("Last-Event-ID");
    }
}

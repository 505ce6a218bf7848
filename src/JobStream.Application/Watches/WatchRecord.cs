using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>
/// What a run writes, all at once or not at all: the jobs whose records change, the change events for
/// the feed, and, when the run has finished, its summary (which also sets when the watch is next due) and
/// each read domain's source for the next run's conditional request (null: none to ask for).
/// </summary>
public sealed record WatchRecord(IReadOnlyList<TrackedJob> Jobs, IReadOnlyList<FeedDraft> Events, WatchRunSummary? Finished)
{
    public IReadOnlyDictionary<string, SiteSource?> Sources { get; init; } = new Dictionary<string, SiteSource?>();
}

using JobStream.Application.Serialization;
using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>The data of <c>watch_run</c>: a run <c>started</c> or <c>finished</c>, with its counts and the domains it could not read.</summary>
public sealed record WatchRunEvent(string WatchId, string Phase, WatchRunSummary Run)
{
    public const string Started = "started";
    public const string Finished = "finished";

    /// <summary>The event as the feed writes it.</summary>
    public static FeedDraft Draft(string watchId, string phase, WatchRunSummary run) =>
        new(WatchEvents.WatchRun, JsonPayload.From(new WatchRunEvent(watchId, phase, run)));
}

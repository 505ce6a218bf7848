using JobStream.Domain.Jobs;
using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>A job as the store keeps it for a watch, the shape of search results, exports and change events.</summary>
public sealed record StoredJob
{
    public required string WatchId { get; init; }
    public required string Domain { get; init; }
    /// <summary>The job's stable identity within its watch (its canonical URL).</summary>
    public required string Identity { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public bool Open => ClosedAt is null;
    public required Job Job { get; init; }

    public static StoredJob Of(string watchId, TrackedJob tracked)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        return new StoredJob
        {
            WatchId = watchId,
            Domain = tracked.Domain,
            Identity = tracked.Identity,
            FirstSeen = tracked.FirstSeen,
            LastSeen = tracked.LastSeen,
            ClosedAt = tracked.ClosedAt,
            Job = tracked.Job,
        };
    }
}

using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>Watches, the jobs they remember and their change feed, in the job database.</summary>
public interface IWatchStore
{
    Task AddAsync(Watch watch, CancellationToken cancellationToken);

    Task<Watch?> FindAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Watch>> ListAsync(string owner, CancellationToken cancellationToken);

    Task<int> CountAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Pauses or resumes a watch; false when there is no such watch.</summary>
    Task<bool> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken);

    /// <summary>Makes a watch due now; false when there is no such watch.</summary>
    Task<bool> RunNowAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a watch with its jobs and change events; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the watch most overdue that nobody holds, for <paramref name="leaseFor"/>; null when none is
    /// due. Across instances sharing the database, one claim wins.
    /// </summary>
    Task<WatchLease?> ClaimDueAsync(DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>When the next watch falls due that is neither paused nor held; null when there is none.</summary>
    Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Holds a claim longer; null when it was lost (taken over after it lapsed, or the watch deleted).</summary>
    Task<WatchLease?> RenewAsync(WatchLease lease, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives a claim up unfinished: the watch stays due, for any instance to run.</summary>
    Task ReleaseAsync(WatchLease lease, CancellationToken cancellationToken);

    /// <summary>Each domain's source from its last read, where it had one.</summary>
    Task<IReadOnlyList<SiteSource>> LoadSourcesAsync(string watchId, CancellationToken cancellationToken);

    /// <summary>Every job the watch remembers, open and closed.</summary>
    Task<IReadOnlyList<TrackedJob>> LoadJobsAsync(string watchId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes what a run found in one transaction, under its claim: false, and nothing written, when the
    /// claim was lost. With <see cref="WatchRecord.Finished"/> the claim ends and the watch is next due one
    /// period after it was due (or one period from now, when it ran that late); a run asked for meanwhile stays asked for.
    /// </summary>
    Task<bool> RecordAsync(WatchLease lease, WatchRecord record, DateTimeOffset now, CancellationToken cancellationToken);
}

namespace JobStream.Application.Watches;

/// <summary>The change events the runs wrote, read back in id order.</summary>
public interface IWatchFeed
{
    /// <summary>Up to <paramref name="max"/> events of the scope after id <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedScope scope, long after, int max, CancellationToken cancellationToken);

    /// <summary>The id of the latest event of all, 0 when there is none.</summary>
    Task<long> LastIdAsync(CancellationToken cancellationToken);

    /// <summary>The id of the oldest event still kept of all, null when none is: a client that last saw an older one missed some.</summary>
    Task<long?> FirstIdAsync(CancellationToken cancellationToken);

    /// <summary>Deletes events written before <paramref name="before"/>; returns how many.</summary>
    Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

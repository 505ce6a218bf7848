using System.Threading.Channels;

namespace JobStream.Application.Watches;

/// <summary>
/// One watch stream's share of <see cref="WatchFeedNotifier"/>: the events of its scope as they are written,
/// in id order. When more are waiting than it holds, it drops them and says it lags instead
/// (<see cref="WaitAsync"/> returns null): the stream reads the gap from the database.
/// </summary>
public sealed class FeedSubscription(FeedScope scope, Action<FeedSubscription> unsubscribe) : IDisposable
{
    private const int Capacity = 1024;
    private readonly Channel<FeedEntry> _entries = Channel.CreateBounded<FeedEntry>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private int _lagging;

    public FeedScope Scope { get; } = scope;

    internal void Offer(FeedEntry entry)
    {
        if (!_entries.Writer.TryWrite(entry))
        {
            MarkLagging();
        }
    }

    internal void MarkLagging()
    {
        Interlocked.Exchange(ref _lagging, 1);
        _entries.Writer.TryWrite(Lag);
    }

    /// <summary>The next event; null when some were dropped and the reader must catch up from the database.</summary>
    public async Task<FeedEntry?> WaitAsync(CancellationToken cancellationToken)
    {
        var entry = await _entries.Reader.ReadAsync(cancellationToken);
        if (Interlocked.Exchange(ref _lagging, 0) == 1)
        {
            while (_entries.Reader.TryRead(out _))
            {
            }
            return null;
        }
        return ReferenceEquals(entry, Lag) ? await WaitAsync(cancellationToken) : entry;
    }

    public void Dispose() => unsubscribe(this);

    private static readonly FeedEntry Lag = new(0, "", "", "", Serialization.JsonPayload.Null, default);
}

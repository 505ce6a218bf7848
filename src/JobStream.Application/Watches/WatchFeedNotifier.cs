using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Watches;

/// <summary>
/// Brings change events to this instance's watch streams as they are written: one reader per instance
/// reads the feed after the last id it saw, every <see cref="WatchesOptions.FeedPollMilliseconds"/> and at
/// once when a run on this instance wrote, and hands each event to the streams whose scope includes it.
/// A stream that falls behind is told so, and reads what it missed from the database itself. Also deletes
/// events older than <see cref="WatchesOptions.FeedRetentionDays"/>, hourly.
/// </summary>
public sealed partial class WatchFeedNotifier(IWatchFeed feed, IOptions<WatchesOptions> options, TimeProvider time, ILogger<WatchFeedNotifier> logger) : BackgroundService
{
    private const int Batch = 500;
    private readonly ConcurrentDictionary<FeedSubscription, bool> _subscriptions = new();
    private readonly Channel<bool> _poke = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly WatchesOptions _options = options.Value;

    /// <summary>Reads the feed now: a run on this instance has just written to it.</summary>
    public void Poke() => _poke.Writer.TryWrite(true);

    public FeedSubscription Subscribe(FeedScope scope)
    {
        var subscription = new FeedSubscription(scope, s => _subscriptions.TryRemove(s, out _));
        _subscriptions[subscription] = true;
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long? cursor = null;
        var trimmed = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                cursor ??= await feed.LastIdAsync(stoppingToken);
                cursor = await ForwardAsync(cursor.Value, stoppingToken);
                if (time.GetUtcNow() - trimmed > TimeSpan.FromHours(1))
                {
                    trimmed = time.GetUtcNow();
                    var removed = await feed.TrimAsync(trimmed - TimeSpan.FromDays(_options.FeedRetentionDays), stoppingToken);
                    if (removed > 0)
                    {
                        LogTrimmed(removed, _options.FeedRetentionDays);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable: streams get nothing new meanwhile, and each reads what it
                // missed from the database when told it lags (below), once it is back.
                LogReadFailed(ex);
                foreach (var subscription in _subscriptions.Keys)
                {
                    subscription.MarkLagging();
                }
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(_options.FeedPollMilliseconds);
            try
            {
                await _poke.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<long> ForwardAsync(long cursor, CancellationToken stoppingToken)
    {
        while (true)
        {
            var entries = await feed.ReadAsync(default, cursor, Batch, stoppingToken);
            foreach (var entry in entries)
            {
                foreach (var subscription in _subscriptions.Keys)
                {
                    if (subscription.Scope.Includes(entry))
                    {
                        subscription.Offer(entry);
                    }
                }
                cursor = entry.Id;
            }
            if (entries.Count < Batch)
            {
                return cursor;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the watch change feed; streams catch up from the database when it is back")]
    private partial void LogReadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} watch change events older than {Days} days")]
    private partial void LogTrimmed(int count, int days);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using JobStream.Application.Streaming;
using Mediator;

namespace JobStream.Application.Watches.FollowWatches;

/// <summary>
/// The change events of one watch (<paramref name="WatchId"/>) or of all of <paramref name="Owner"/>'s
/// watches, as they are written. Event ids are the feed's: a client that comes back with
/// <paramref name="LastEventId"/>, on any instance, after any time within the feed's retention, first gets
/// every event it missed, from the database, then the live ones, each once.
/// </summary>
public sealed record FollowWatchesQuery(string Owner, string? WatchId, string? LastEventId) : IStreamRequest<StreamItem>
{
    /// <summary>The feed id the client last saw: a whole number, as the stream writes its ids.</summary>
    public static bool TryReadPosition(string? lastEventId, out long after) =>
        long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out after);
}

public sealed class FollowWatchesQueryHandler(IWatchStore store, IWatchFeed feed, WatchFeedNotifier notifier)
    : IStreamRequestHandler<FollowWatchesQuery, StreamItem>
{
    private const int Page = 500;

    public async IAsyncEnumerable<StreamItem> Handle(FollowWatchesQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.WatchId is not null)
        {
            await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        }
        var scope = request.WatchId is null ? FeedScope.OfUser(request.Owner) : FeedScope.OfWatch(request.WatchId);

        // Subscribed before the database is read, so nothing written in between is missed.
        using var subscription = notifier.Subscribe(scope);
        var resumed = FollowWatchesQuery.TryReadPosition(request.LastEventId, out var last);
        if (!resumed)
        {
            last = await feed.LastIdAsync(cancellationToken);
        }
        var position = last.ToString(CultureInfo.InvariantCulture);
        yield return new StreamValue<WatchFeedConnected>(new WatchFeedConnected(request.WatchId, position), position);
        if (resumed && await feed.FirstIdAsync(cancellationToken) is { } first && first > last + 1)
        {
            yield return new StreamValue<MissedEvents>(new MissedEvents(
                $"Change events are kept for Watches:FeedRetentionDays; some after your last event id are gone. The ones still kept follow, and GET {JobsUrl(request)} has every job as it is now.",
                request.LastEventId));
        }

        while (true)
        {
            // What was written since the last event sent, from the database: all of it at the start, and
            // again whenever the live events were too many to hold.
            while (true)
            {
                var entries = await feed.ReadAsync(scope, last, Page, cancellationToken);
                foreach (var entry in entries)
                {
                    last = entry.Id;
                    yield return Message(entry);
                }
                if (entries.Count < Page)
                {
                    break;
                }
            }
            while (await subscription.WaitAsync(cancellationToken) is { } entry)
            {
                if (entry.Id > last)
                {
                    last = entry.Id;
                    yield return Message(entry);
                }
            }
        }
    }

    private static StreamMessage Message(FeedEntry entry) => new(entry.Event, entry.Data, entry.Id.ToString(CultureInfo.InvariantCulture));

    private static string JobsUrl(FollowWatchesQuery request) =>
        request.WatchId is null ? "/api/v1/jobs" : $"/api/v1/watches/{request.WatchId}/jobs";
}

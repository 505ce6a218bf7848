using System.Runtime.CompilerServices;
using JobStream.Application.Streaming;
using JobStream.Domain.Streaming;

namespace JobStream.Application.Scraping.Runs;

/// <summary>
/// A client's view of a run (the GET scrape stream, the trigger stream). A client without a
/// Last-Event-ID of a known run starts a new run; one with it follows that run from the event after
/// it: what it missed from the run's history, then live, on any instance. Every event carries an id
/// "{run_id}/{event id}" and the first a <c>retry:</c>; the stream ends after the run's last event.
/// A client that already has the last event gets nothing, which the API answers with 204 so that
/// EventSource stops reconnecting.
/// </summary>
public sealed class ScrapeRunStream(ScrapeRuns runs, IStreamManager streams)
{
    /// <summary>How long EventSource waits before reconnecting after a dropped connection.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    public async IAsyncEnumerable<ServerSentEvent> OpenAsync(
        IReadOnlyList<string> domains, bool withProgress, string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string runId;
        string? after = null;
        if (StreamEventId.TryParseClient(lastEventId, out var named, out var seen)
            && await streams.FindConnectionAsync(named, cancellationToken) is { Owner: ScrapeRuns.RunOwner })
        {
            (runId, after) = (named, seen);
        }
        else
        {
            runId = await runs.BeginAsync(domains, withProgress, cancellationToken);
        }

        // Subscribed before the history is read, so nothing published in between is missed; what
        // arrives both ways is recognised by its id and sent once.
        await using var subscription = streams.Subscribe(StreamTopic.Connection(runId));
        using var following = runs.Follow(runId);
        var missed = await streams.ReadHistoryAsync(runId, after, cancellationToken);
        if (after is not null && missed.Count == 0 && await HasEndedAsync(runId, cancellationToken))
        {
            yield break;
        }

        yield return new ServerSentEvent(new RunStarted(runId, after is not null), "run", StreamEventId.ForClient(runId, after ?? StreamEventId.Beginning), Retry);
        var last = after;
        foreach (var message in missed)
        {
            last = message.Id;
            yield return ToEvent(runId, message);
            if (ScrapeEvents.IsTerminal(message.Event))
            {
                yield break;
            }
        }
        await foreach (var message in subscription.ReadAllAsync(cancellationToken))
        {
            if (message.Id is not null && last is not null && StreamEventId.Compare(message.Id, last) <= 0)
            {
                continue;
            }
            last = message.Id;
            yield return ToEvent(runId, message);
            if (ScrapeEvents.IsTerminal(message.Event))
            {
                yield break;
            }
        }
    }

    private async Task<bool> HasEndedAsync(string runId, CancellationToken cancellationToken)
    {
        var history = await streams.ReadHistoryAsync(runId, null, cancellationToken);
        return history.Count > 0 && ScrapeEvents.IsTerminal(history[^1].Event);
    }

    private static ServerSentEvent ToEvent(string runId, StreamMessage message) => new(
        message.Data,
        message.Event == ScrapeEvents.Unnamed ? null : message.Event,
        message.Id is null ? null : StreamEventId.ForClient(runId, message.Id));
}

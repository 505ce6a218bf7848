using System.Runtime.CompilerServices;
using JobStream.Application.Streaming;

namespace JobStream.Application.Scraping.Runs;

/// <summary>
/// A client's view of a run (every scrape stream: POST and GET, and the trigger stream). A client
/// without a Last-Event-ID of a known run starts a new run; one with it follows that run from the event
/// after it: what it missed from the run's history, then live, on any instance, and never scrapes
/// again. Every event carries an id "{run_id}/{event id}"; the first is sent at once (in the
/// results-only view only a <see cref="StreamPosition"/>, which EventSource takes but does not dispatch); the stream
/// ends after the run's last event. A client that already has every event it would be shown gets
/// nothing, which the API answers with 204 so that EventSource stops reconnecting.
/// </summary>
public sealed class ScrapeRunStream(ScrapeRuns runs, IStreamBus bus, IConnectionRegistry connections, IStreamHistory history, StreamFollower follower)
{
    public async IAsyncEnumerable<StreamItem> OpenAsync(
        IReadOnlyList<string> domains, bool withProgress, string? lastEventId, RunView view, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string runId;
        string? after = null;
        if (StreamEventId.TryParseClient(lastEventId, out var named, out var seen)
            && await connections.FindConnectionAsync(named, cancellationToken) is { Owner: ScrapeRuns.RunOwner })
        {
            (runId, after) = (named, seen);
        }
        else
        {
            runId = await runs.BeginAsync(domains, withProgress, cancellationToken);
        }

        var topic = StreamTopic.Connection(runId);
        await using var subscription = bus.Subscribe(topic);
        using var following = runs.Follow(runId);
        if (after is not null && await HasNothingLeftAsync(topic, after, view, cancellationToken))
        {
            yield break;
        }

        // At once, with an id, so the response starts now and a client that drops before the first
        // result still resumes this run.
        var opening = StreamEventId.ForClient(runId, after ?? StreamEventId.Beginning);
        yield return view == RunView.Full ? new StreamValue<RunStarted>(new RunStarted(runId, after is not null), opening) : new StreamPosition(opening);
        var tail = new TopicTail(topic, after, Replay: true)
        {
            Describe = $"run {runId}",
            MissedMessage = "Some of this run's events after your last event id are no longer kept; the kept ones follow, and the run's completed event counts every domain.",
            Resumed = after is not null,
            LastEventId = lastEventId,
            ClientId = id => StreamEventId.ForClient(runId, id),
        };
        await foreach (var item in follower.TailAsync(subscription, tail, cancellationToken))
        {
            if (item is not StreamMessage message)
            {
                yield return item;
                continue;
            }
            if (Shows(view, message))
            {
                yield return message;
            }
            if (ScrapeEvents.IsTerminal(message.Event))
            {
                yield break;
            }
        }
    }

    private static bool Shows(RunView view, StreamMessage message) => view == RunView.Full || message.Event != ScrapeEvents.Completed;

    // The run has ended and nothing after the client's last event is something this view shows.
    private async Task<bool> HasNothingLeftAsync(StreamTopic topic, string after, RunView view, CancellationToken cancellationToken)
    {
        var rest = (await history.ReadHistoryAsync(topic, after, cancellationToken)).Messages;
        if (rest.Any(message => Shows(view, message)))
        {
            return false;
        }
        if (rest.Count > 0)
        {
            return ScrapeEvents.IsTerminal(rest[^1].Event);
        }
        var all = (await history.ReadHistoryAsync(topic, null, cancellationToken)).Messages;
        return all.Count > 0 && ScrapeEvents.IsTerminal(all[^1].Event);
    }
}

/// <summary>What a run's stream shows.</summary>
public enum RunView
{
    /// <summary>A <c>run</c> event first, then every event of the run, <c>completed</c> last.</summary>
    Full,

    /// <summary>The run's results only, as unnamed events (seed 000's POST stream); no <c>run</c> or <c>completed</c> event.</summary>
    ResultsOnly,
}

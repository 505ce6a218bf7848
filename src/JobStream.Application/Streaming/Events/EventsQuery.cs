using System.Runtime.CompilerServices;
using Mediator;
using JobStream.Application.Serialization;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Streaming.Events;

/// <summary>
/// The /events stream: <c>connected</c>, a <c>heartbeat</c> every ping interval, and every broadcast
/// event; the scraper's <c>log</c> lines (which name other callers' domains) only with <paramref name="IncludeLogs"/>.
/// Broadcasts carry ids: with <paramref name="LastEventId"/> (a reconnect) the kept broadcasts after it
/// come first.
/// </summary>
public sealed record EventsQuery(bool IncludeLogs, string? LastEventId = null) : IStreamRequest<StreamItem>
{
    /// <summary>The broadcast event that carries a scraper log line.</summary>
    public const string LogEvent = "log";
}

public sealed class EventsQueryHandler(
    IStreamBus bus,
    IStreamHistory history,
    StreamFollower follower,
    IOptions<EventsOptions> options,
    TimeProvider clock) : IStreamRequestHandler<EventsQuery, StreamItem>
{
    private static readonly ConditionalWeakTable<StreamMessage, StreamMessage> Rendered = new();

    public async IAsyncEnumerable<StreamItem> Handle(EventsQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscription = bus.Subscribe(StreamTopic.Broadcast);
        var resumeFrom = StreamEventId.IsValid(request.LastEventId) ? request.LastEventId : null;
        var after = resumeFrom ?? await history.LatestIdAsync(StreamTopic.Broadcast, cancellationToken);
        var tail = new TopicTail(StreamTopic.Broadcast, after, Replay: resumeFrom is not null)
        {
            Describe = "events",
            MissedMessage = "Some broadcasts after your last event id are no longer kept; the kept ones follow.",
            Resumed = resumeFrom is not null,
            LastEventId = request.LastEventId,
        };
        // Every interval, even while events flow, as seed 003's loop does: the writer sends them.
        yield return new Heartbeat(TimeSpan.FromSeconds(options.Value.PingIntervalSeconds), clock);
        yield return new StreamValue<EventsEnvelope>(new EventsEnvelope("connected", clock.GetUtcNow()), after ?? StreamEventId.Beginning);
        await foreach (var item in follower.TailAsync(subscription, tail, cancellationToken))
        {
            if (item is StreamValue<MissedEvents> missed)
            {
                yield return new StreamValue<EventsEnvelope>(new EventsEnvelope(StreamFollower.MissedEvent, clock.GetUtcNow(), JsonPayload.From(missed.Value)));
            }
            else if (item is StreamMessage message && (request.IncludeLogs || message.Event != EventsQuery.LogEvent))
            {
                yield return Shared(message);
            }
        }
    }

    // Every /events client gets the same event for a broadcast message: it is built and serialised
    // once, for the first of them, not once per client (ten thousand times for ten thousand clients).
    private StreamMessage Shared(StreamMessage message)
    {
        if (!Rendered.TryGetValue(message, out var shared))
        {
            shared = new StreamMessage(StreamMessage.Unnamed, JsonPayload.From(new EventsEnvelope(message.Event, clock.GetUtcNow(), message.Data)), message.Id);
            shared = Rendered.GetValue(message, _ => shared);
        }
        return shared;
    }

    /// <summary>The <c>heartbeat</c> event, with the time it is sent.</summary>
    private sealed record Heartbeat(TimeSpan Interval, TimeProvider Clock) : Heartbeats(Interval)
    {
        public override StreamItem Beat() => new StreamValue<EventsEnvelope>(new EventsEnvelope("heartbeat", Clock.GetUtcNow()));
    }
}

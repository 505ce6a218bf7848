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
    StreamClock streamClock,
    IOptions<EventsOptions> options,
    TimeProvider clock) : IStreamRequestHandler<EventsQuery, StreamItem>
{
    private static readonly ConditionalWeakTable<StreamMessage, StreamMessage> Rendered = new();

    public async IAsyncEnumerable<StreamItem> Handle(EventsQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscription = bus.Subscribe(StreamTopic.Broadcast);
        var resumeFrom = StreamEventId.IsValid(request.LastEventId) ? request.LastEventId : null;
        string? after;
        try
        {
            after = resumeFrom ?? await history.LatestIdAsync(StreamTopic.Broadcast, cancellationToken);
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
        var tail = new TopicTail(StreamTopic.Broadcast, after, Replay: resumeFrom is not null)
        {
            Describe = "events",
            MissedMessage = "Some broadcasts after your last event id are no longer kept; the kept ones follow.",
            Resumed = resumeFrom is not null,
            LastEventId = request.LastEventId,
        };
        var beats = streamClock.InterleaveAsync(
            follower.TailAsync(subscription, tail, cancellationToken), TimeSpan.FromSeconds(options.Value.PingIntervalSeconds), everyInterval: true).GetAsyncEnumerator(CancellationToken.None);
        try
        {
            yield return new StreamValue<EventsEnvelope>(new EventsEnvelope("connected", clock.GetUtcNow()), after ?? StreamEventId.Beginning);
            while (await beats.MoveNextAsync())
            {
                var beat = beats.Current;
                if (beat.Kind == BeatKind.Ring)
                {
                    // Every interval, even while events flow, as seed 003's loop does.
                    yield return Envelope("heartbeat");
                }
                else if (beat.Item is StreamValue<MissedEvents> missed)
                {
                    yield return Envelope(StreamFollower.Missed.Event, JsonPayload.From(missed.Value));
                }
                else if (beat.Item is StreamMessage message && (request.IncludeLogs || message.Event != EventsQuery.LogEvent))
                {
                    yield return Shared(message);
                }
            }
        }
        finally
        {
            await subscription.DisposeAsync(); // ends a pending read, which the beats wait for
            await beats.DisposeAsync();
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

    private StreamValue<EventsEnvelope> Envelope(string name, JsonPayload? data = null) =>
        new(new EventsEnvelope(name, clock.GetUtcNow(), data));
}

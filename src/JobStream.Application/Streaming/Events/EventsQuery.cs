using System.Runtime.CompilerServices;
using Mediator;
using JobStream.Application.Serialization;
using JobStream.Application.Telemetry;
using JobStream.Domain.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Streaming.Events;

/// <summary>
/// The /events stream: <c>connected</c>, a <c>heartbeat</c> every ping interval, and every broadcast
/// event; the scraper's <c>log</c> lines (which name other callers' domains) only with <paramref name="IncludeLogs"/>.
/// Broadcasts carry ids: with <paramref name="LastEventId"/> (a reconnect) the kept broadcasts after it
/// come first.
/// </summary>
public sealed record EventsQuery(bool IncludeLogs, string? LastEventId = null) : IStreamRequest<ServerSentEvent>
{
    /// <summary>The broadcast event that carries a scraper log line.</summary>
    public const string LogEvent = "log";
}

public sealed partial class EventsQueryHandler(
    IStreamBus bus,
    IStreamHistory history,
    StreamFollower follower,
    JobStreamMetrics metrics,
    StreamClock streamClock,
    IOptions<EventsOptions> options,
    TimeProvider clock,
    ILogger<EventsQueryHandler> logger) : IStreamRequestHandler<EventsQuery, ServerSentEvent>
{
    private static readonly ConditionalWeakTable<StreamMessage, ServerSentEvent> Rendered = new();

    public async IAsyncEnumerable<ServerSentEvent> Handle(EventsQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
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
        if (resumeFrom is not null)
        {
            metrics.Resumed();
        }
        var messages = follower.FollowAsync(subscription, StreamTopic.Broadcast, after, replay: resumeFrom is not null, cancellationToken).GetAsyncEnumerator(cancellationToken);
        using var heartbeat = streamClock.CreateAlarm(TimeSpan.FromSeconds(options.Value.PingIntervalSeconds));
        var pending = false;
        var connectedAt = clock.GetTimestamp();
        LogConnected();
        try
        {
            yield return new ServerSentEvent(new EventsEnvelope("connected", clock.GetUtcNow()), id: after ?? StreamEventId.Beginning, retry: follower.Retry);
            heartbeat.Reset();
            while (true)
            {
                // Watched once (one continuation), then awaited once it has completed: what an await does.
#pragma warning disable CA2012
                var next = messages.MoveNextAsync();
#pragma warning restore CA2012
                if (!next.IsCompleted)
                {
                    pending = true;
                    heartbeat.Watch(next);
                    while (!await heartbeat.WaitAsync())
                    {
                        heartbeat.Reset();
                        yield return Event("heartbeat");
                    }
                    pending = false;
                }
                if (!await next)
                {
                    yield break;
                }
                if (!request.IncludeLogs && messages.Current.Event == EventsQuery.LogEvent)
                {
                    continue;
                }
                yield return ReferenceEquals(messages.Current, StreamFollower.Missed)
                    ? Event(StreamFollower.MissedEvent, JsonPayload.From(new MissedEvents(
                        "Some broadcasts after your last event id are no longer kept; the kept ones follow.", request.LastEventId)))
                    : Shared(messages.Current);
                if (heartbeat.IsDue)
                {
                    // Every interval even while events flow, as seed 003's loop does.
                    heartbeat.Reset();
                    yield return Event("heartbeat");
                }
            }
        }
        finally
        {
            await subscription.DisposeAsync(); // ends a pending read
            if (pending)
            {
                await heartbeat.WaitForItemAsync();
            }
            await messages.DisposeAsync();
            var seconds = clock.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(seconds);
        }
    }

    // Every /events client gets the same event for a broadcast message: it is built and serialised
    // once, for the first of them, not once per client (ten thousand times for ten thousand clients).
    private ServerSentEvent Shared(StreamMessage message)
    {
        if (!Rendered.TryGetValue(message, out var shared))
        {
            shared = new ServerSentEvent(JsonPayload.From(new EventsEnvelope(message.Event, clock.GetUtcNow(), message.Data)), id: message.Id);
            shared = Rendered.GetValue(message, _ => shared);
        }
        return shared;
    }

    private ServerSentEvent Event(string name, JsonPayload? data = null) =>
        new(new EventsEnvelope(name, clock.GetUtcNow(), data));

    [LoggerMessage(Level = LogLevel.Information, Message = "events.connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "events.disconnected after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(double durationSeconds);
}

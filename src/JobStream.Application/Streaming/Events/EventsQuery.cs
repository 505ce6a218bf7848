using System.Runtime.CompilerServices;
using JobStream.Application.Messaging;
using JobStream.Domain.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Streaming.Events;

/// <summary>The /events stream: <c>connected</c>, a <c>heartbeat</c> every ping interval, and every broadcast event.</summary>
public sealed record EventsQuery : IStreamRequest<ServerSentEvent>;

public sealed partial class EventsQueryHandler(
    IStreamManager streams,
    IOptions<EventsOptions> options,
    TimeProvider clock,
    ILogger<EventsQueryHandler> logger) : IStreamRequestHandler<EventsQuery, ServerSentEvent>
{
    public async IAsyncEnumerable<ServerSentEvent> Handle(EventsQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscription = streams.Subscribe(StreamTopic.Broadcast);
        var messages = subscription.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        using var heartbeat = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PingIntervalSeconds), clock);
        Task<bool>? nextMessage = null;
        Task<bool>? nextTick = null;
        LogConnected();
        try
        {
            yield return Event("connected");
            nextMessage = messages.MoveNextAsync().AsTask();
            nextTick = heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
            while (true)
            {
                var first = await Task.WhenAny(nextMessage, nextTick);
                if (first == nextTick)
                {
                    await nextTick;
                    yield return Event("heartbeat");
                    nextTick = heartbeat.WaitForNextTickAsync(cancellationToken).AsTask();
                    continue;
                }
                if (!await nextMessage)
                {
                    yield break;
                }
                yield return Event(messages.Current.Event, messages.Current.Data);
                nextMessage = messages.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            await subscription.DisposeAsync(); // ends a pending read
            heartbeat.Dispose();               // ends a pending tick
            await Settle(nextMessage);
            await Settle(nextTick);
            await messages.DisposeAsync();
            LogDisconnected();
        }
    }

    private ServerSentEvent Event(string name, Serialization.JsonPayload? data = null) =>
        new(new EventsEnvelope(name, clock.GetUtcNow(), data));

    private static Task Settle(Task? task) =>
        task?.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "events.connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "events.disconnected")]
    private partial void LogDisconnected();
}

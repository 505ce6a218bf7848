using System.Diagnostics;
using JobStream.Application.Errors;
using System.Runtime.CompilerServices;
using JobStream.Application.Serialization;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Streaming;

/// <summary>
/// One client's view of a topic: the events it missed, from the topic's history, then the live ones,
/// each once and in order. Live events carry ids from the same history, so an event that arrives both
/// ways is recognised and sent once; while the backplane's subscription is away, what arrives is held
/// back, and once it is back the gap is filled from the history, in order. Where the history no longer holds what the client missed, the reader
/// gets <see cref="Missed"/> first, never silence. Events without an id (a producer's plain PUBLISH)
/// pass through as they come. <see cref="TailAsync"/> is what every stream sends after its first event.
/// </summary>
public sealed partial class StreamFollower(IStreamHistory histories, JobStreamMetrics metrics, ILogger<StreamFollower> logger)
{
    /// <summary>Not a published event: yielded where events after the client's last id are gone from the history.</summary>
    public static readonly StreamMessage Missed = new("missed", JsonPayload.Null);

    /// <summary>
    /// The rest of a topic stream, after its first event: the topic's events as <paramref name="tail"/>
    /// says (the kept ones first where it replays), each with the id its client resumes by; a gap in the
    /// history as a <see cref="MissedEvents"/> value. Logs the stream's connection and its end, and counts
    /// a resumption.
    /// </summary>
    public async IAsyncEnumerable<StreamItem> TailAsync(IStreamSubscription subscription, TopicTail tail, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tail);
        var connectedAt = Stopwatch.GetTimestamp();
        LogConnected(tail.Describe, tail.Resumed);
        if (tail.Resumed)
        {
            metrics.Resumed();
        }
        try
        {
            await foreach (var message in FollowAsync(subscription, tail.Topic, tail.After, tail.Replay, cancellationToken))
            {
                if (ReferenceEquals(message, Missed))
                {
                    var latest = tail.Latest is null ? null : await tail.Latest(cancellationToken);
                    yield return new StreamValue<MissedEvents>(new MissedEvents(tail.MissedMessage, tail.LastEventId, latest));
                    continue;
                }
                yield return message.Id is null || tail.ClientId is null ? message : message with { Id = tail.ClientId(message.Id) };
            }
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(tail.Describe, seconds);
        }
    }

    /// <param name="subscription">Made before this is called, so nothing published meanwhile is lost.</param>
    /// <param name="after">The last id the client has; null for "from the first kept event".</param>
    /// <param name="replay">Whether to send the kept events after <paramref name="after"/> first.</param>
    public async IAsyncEnumerable<StreamMessage> FollowAsync(
        IStreamSubscription subscription, StreamTopic topic, string? after, bool replay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var last = after;
        if (replay)
        {
            foreach (var message in await CatchUpAsync(topic, last, cancellationToken))
            {
                last = message.Id ?? last;
                yield return message;
            }
        }
        List<StreamMessage>? held = null; // what arrived while the backplane was away, until the gap is filled
        await foreach (var message in subscription.ReadAllAsync(cancellationToken))
        {
            if (ReferenceEquals(message, StreamMessage.Suspended))
            {
                held ??= [];
                continue;
            }
            if (ReferenceEquals(message, StreamMessage.Resubscribed))
            {
                IReadOnlyList<StreamMessage> gap;
                try
                {
                    gap = await CatchUpAsync(topic, last, cancellationToken);
                }
                catch (BackplaneUnavailableException ex)
                {
                    // Away again before the history could be read: hold on until the next "resubscribed".
                    LogCatchUpFailed(topic.ToString(), ex.InnerException?.Message ?? ex.Message);
                    held ??= [];
                    continue;
                }
                foreach (var missed in gap)
                {
                    last = missed.Id ?? last;
                    yield return missed;
                }
                foreach (var arrived in held ?? [])
                {
                    if (IsNew(arrived, ref last))
                    {
                        yield return arrived;
                    }
                }
                held = null;
                continue;
            }
            if (held is not null)
            {
                held.Add(message);
            }
            else if (IsNew(message, ref last))
            {
                yield return message;
            }
        }
    }

    // An event with an id at or before the last one sent was sent already, from the history.
    private static bool IsNew(StreamMessage message, ref string? last)
    {
        if (message.Id is null)
        {
            return true;
        }
        if (last is not null && StreamEventId.Compare(message.Id, last) <= 0)
        {
            return false;
        }
        last = message.Id;
        return true;
    }

    private async Task<IReadOnlyList<StreamMessage>> CatchUpAsync(StreamTopic topic, string? after, CancellationToken cancellationToken)
    {
        var history = await histories.ReadHistoryAsync(topic, after, cancellationToken);
        if (!history.Missed)
        {
            return history.Messages;
        }
        metrics.HistoryMissed();
        return [Missed, .. history.Messages];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the history of {Topic} after the backplane came back failed ({Reason}); holding on until it is back again")]
    private partial void LogCatchUpFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream connected: {Stream} (resumed: {Resumed})")]
    private partial void LogConnected(string stream, bool resumed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream disconnected: {Stream} after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(string stream, double durationSeconds);
}

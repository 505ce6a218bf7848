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
/// back, and once it is back the gap is filled from the history, in order. Where the history no longer
/// holds what the client missed, the reader gets a <see cref="MissedEvents"/> value first, never silence.
/// Events without an id (a producer's plain PUBLISH) pass through as they come. <see cref="TailAsync"/>
/// is what every stream sends after its first event: one iterator, since every open stream holds it.
/// </summary>
public sealed partial class StreamFollower(IStreamHistory histories, JobStreamMetrics metrics, ILogger<StreamFollower> logger)
{
    /// <summary>The name of the event that tells a client some of what it missed is gone.</summary>
    public const string MissedEvent = "missed";

    /// <summary>
    /// The rest of a topic stream, after its first event: the topic's events as <paramref name="tail"/>
    /// says (the kept ones first where it replays), each with the id its client resumes by; a gap in the
    /// history as a <see cref="MissedEvents"/> value. Logs the stream's connection and its end, and counts
    /// a resumption.
    /// </summary>
    /// <param name="subscription">Made before this is called, so nothing published meanwhile is lost.</param>
    public async IAsyncEnumerable<StreamItem> TailAsync(IStreamSubscription subscription, TopicTail tail, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(tail);
        var connectedAt = Stopwatch.GetTimestamp();
        LogConnected(tail.Describe, tail.Resumed);
        if (tail.Resumed)
        {
            metrics.Resumed();
        }
        var last = tail.After; // the last id the client has; null for "from the first kept event"
        try
        {
            if (tail.Replay)
            {
                var history = await CatchUpAsync(tail.Topic, last, cancellationToken);
                if (history.Missed)
                {
                    yield return await MissedAsync(tail, cancellationToken);
                }
                foreach (var message in history.Messages)
                {
                    last = message.Id ?? last;
                    yield return ForClient(message, tail);
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
                    StreamHistory gap;
                    try
                    {
                        gap = await CatchUpAsync(tail.Topic, last, cancellationToken);
                    }
                    catch (BackplaneUnavailableException ex)
                    {
                        // Away again before the history could be read: hold on until the next "resubscribed".
                        LogCatchUpFailed(tail.Topic.ToString(), ex.InnerException?.Message ?? ex.Message);
                        held ??= [];
                        continue;
                    }
                    if (gap.Missed)
                    {
                        yield return await MissedAsync(tail, cancellationToken);
                    }
                    foreach (var missed in gap.Messages)
                    {
                        last = missed.Id ?? last;
                        yield return ForClient(missed, tail);
                    }
                    foreach (var arrived in held ?? [])
                    {
                        if (IsNew(arrived, ref last))
                        {
                            yield return ForClient(arrived, tail);
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
                    yield return ForClient(message, tail);
                }
            }
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(tail.Describe, seconds);
        }
    }

    private static StreamItem ForClient(StreamMessage message, TopicTail tail) =>
        message.Id is null || tail.ClientId is null ? message : message with { Id = tail.ClientId(message.Id) };

    private static async Task<StreamItem> MissedAsync(TopicTail tail, CancellationToken cancellationToken)
    {
        var latest = tail.Latest is null ? null : await tail.Latest(cancellationToken);
        return new StreamValue<MissedEvents>(new MissedEvents(tail.MissedMessage, tail.LastEventId, latest));
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

    private async Task<StreamHistory> CatchUpAsync(StreamTopic topic, string? after, CancellationToken cancellationToken)
    {
        var history = await histories.ReadHistoryAsync(topic, after, cancellationToken);
        if (history.Missed)
        {
            metrics.HistoryMissed();
        }
        return history;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the history of {Topic} after the backplane came back failed ({Reason}); holding on until it is back again")]
    private partial void LogCatchUpFailed(string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream connected: {Stream} (resumed: {Resumed})")]
    private partial void LogConnected(string stream, bool resumed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream disconnected: {Stream} after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(string stream, double durationSeconds);
}

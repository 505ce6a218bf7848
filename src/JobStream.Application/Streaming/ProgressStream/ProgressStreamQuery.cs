using System.Diagnostics;
using System.Runtime.CompilerServices;
using JobStream.Application.Telemetry;
using JobStream.Domain.Streaming;
using Mediator;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Streaming.ProgressStream;

/// <summary>
/// Stream a user's progress updates (seed 002): the latest one first, if any, then each new one. With
/// <paramref name="LastEventId"/> (a reconnect) the updates after it instead, from the kept history;
/// where that is gone, a <c>missed</c> event carrying the latest state. Only the user may.
/// </summary>
public sealed record ProgressStreamQuery(string UserId, string Caller, string? LastEventId = null) : IStreamRequest<ServerSentEvent>;

public sealed partial class ProgressStreamQueryHandler(
    IStreamBus bus, IStreamHistory history, IProgressStore progress, StreamFollower follower, JobStreamMetrics metrics, ILogger<ProgressStreamQueryHandler> logger)
    : IStreamRequestHandler<ProgressStreamQuery, ServerSentEvent>
{
    // Not an iterator: the access check throws when the stream is created, while a 403 is still possible.
    public IAsyncEnumerable<ServerSentEvent> Handle(ProgressStreamQuery request, CancellationToken cancellationToken)
    {
        ProgressAccess.EnsureOwnedBy(request.UserId, request.Caller);
        return Stream(request, cancellationToken);
    }

    private async IAsyncEnumerable<ServerSentEvent> Stream(ProgressStreamQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = StreamTopic.UserProgress(request.UserId);
        await using var subscription = bus.Subscribe(topic);
        var resumeFrom = StreamEventId.IsValid(request.LastEventId) ? request.LastEventId : null;
        var latest = resumeFrom is null ? await progress.GetProgressAsync(request.UserId, cancellationToken) : null;
        var after = resumeFrom ?? latest?.Id ?? await history.LatestIdAsync(topic, cancellationToken);
        var connectedAt = Stopwatch.GetTimestamp();
        LogConnected(request.UserId, resumeFrom is not null);
        if (resumeFrom is not null)
        {
            metrics.Resumed();
        }
        try
        {
            yield return new ServerSentEvent(new { user_id = request.UserId }, "connected", after ?? StreamEventId.Beginning, follower.Retry);
            if (latest is not null)
            {
                yield return new ServerSentEvent(latest.Data, "progress", latest.Id);
            }
            await foreach (var message in follower.FollowAsync(subscription, topic, after, replay: resumeFrom is not null, cancellationToken))
            {
                if (ReferenceEquals(message, StreamFollower.Missed))
                {
                    var now = await progress.GetProgressAsync(request.UserId, cancellationToken);
                    yield return new ServerSentEvent(new MissedEvents(
                        "Some progress updates after your last event id are no longer kept; \"latest\" is the user's latest progress, and the kept updates follow.",
                        request.LastEventId,
                        now?.Data), StreamFollower.MissedEvent);
                    continue;
                }
                yield return new ServerSentEvent(message.Data, message.Event, message.Id);
            }
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(request.UserId, seconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress stream connected for user {UserId} (resumed: {Resumed})")]
    private partial void LogConnected(string userId, bool resumed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress stream disconnected for user {UserId} after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(string userId, double durationSeconds);
}

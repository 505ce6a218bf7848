using System.Runtime.CompilerServices;
using Mediator;

namespace JobStream.Application.Streaming.ProgressStream;

/// <summary>
/// Stream a user's progress updates (seed 002): the latest one first, if any, then each new one. With
/// <paramref name="LastEventId"/> (a reconnect) the updates after it instead, from the kept history;
/// where that is gone, a <c>missed</c> event carrying the latest state. Only the user may.
/// </summary>
public sealed record ProgressStreamQuery(string UserId, string Caller, string? LastEventId = null) : IStreamRequest<StreamItem>;

public sealed class ProgressStreamQueryHandler(IStreamBus bus, IStreamHistory history, IProgressStore progress, StreamFollower follower)
    : IStreamRequestHandler<ProgressStreamQuery, StreamItem>
{
    /// <summary>The event each update is told as.</summary>
    private const string ProgressEvent = "progress";

    // Not an iterator: the access check throws when the stream is created, while a 403 is still possible.
    public IAsyncEnumerable<StreamItem> Handle(ProgressStreamQuery request, CancellationToken cancellationToken)
    {
        ProgressAccess.EnsureOwnedBy(request.UserId, request.Caller);
        return Stream(request, cancellationToken);
    }

    private async IAsyncEnumerable<StreamItem> Stream(ProgressStreamQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var topic = StreamTopic.UserProgress(request.UserId);
        await using var subscription = bus.Subscribe(topic);
        var resumeFrom = StreamEventId.IsValid(request.LastEventId) ? request.LastEventId : null;
        var latest = resumeFrom is null ? await progress.GetProgressAsync(request.UserId, cancellationToken) : null;
        var after = resumeFrom ?? latest?.Id ?? await history.LatestIdAsync(topic, cancellationToken);
        yield return new StreamValue<ProgressConnected>(new ProgressConnected(request.UserId), after ?? StreamEventId.Beginning);
        if (latest is not null)
        {
            yield return new StreamMessage(ProgressEvent, latest.Data, latest.Id);
        }
        var tail = new TopicTail(topic, after, Replay: resumeFrom is not null)
        {
            Describe = $"progress of user {request.UserId}",
            MissedMessage = "Some progress updates after your last event id are no longer kept; \"latest\" is the user's latest progress, and the kept updates follow.",
            Resumed = resumeFrom is not null,
            LastEventId = request.LastEventId,
            Latest = async ct => (await progress.GetProgressAsync(request.UserId, ct))?.Data,
        };
        await foreach (var item in follower.TailAsync(subscription, tail, cancellationToken))
        {
            yield return item;
        }
    }
}

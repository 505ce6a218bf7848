using Mediator;

namespace JobStream.Application.Streaming.GetConnectionsStatus;

/// <summary>Live connection counts on this instance (seed 002).</summary>
public sealed record GetConnectionsStatusQuery : IRequest<ConnectionsStatus>;

public sealed class GetConnectionsStatusQueryHandler(IStreamStatus streams, OpenStreams openStreams) : IRequestHandler<GetConnectionsStatusQuery, ConnectionsStatus>
{
    public ValueTask<ConnectionsStatus> Handle(GetConnectionsStatusQuery request, CancellationToken cancellationToken)
    {
        var counts = streams.CountSubscriptions();
        return ValueTask.FromResult(new ConnectionsStatus(
            OpenStreams: openStreams.Count,
            Connections: counts.GetValueOrDefault(StreamTopicKind.Connection),
            ProgressStreams: counts.GetValueOrDefault(StreamTopicKind.UserProgress),
            EventStreams: counts.GetValueOrDefault(StreamTopicKind.Broadcast),
            Backplane: streams.Status));
    }
}

using System.Runtime.CompilerServices;
using JobStream.Application.Errors;
using Mediator;

namespace JobStream.Application.Streaming.OpenStream;

/// <summary>
/// Open a stream on a new connection (no <paramref name="ConnectionId"/>) or join an existing one.
/// <paramref name="LastEventId"/> is what a reconnecting client sends: it names the connection and the
/// last event it saw, and the events after it are replayed from the connection's history.
/// </summary>
public sealed record OpenStreamQuery(string Owner, string? ConnectionId, string? LastEventId) : IStreamRequest<StreamItem>;

public sealed class OpenStreamQueryHandler(IStreamBus bus, IConnectionRegistry connections, StreamFollower follower)
    : IStreamRequestHandler<OpenStreamQuery, StreamItem>
{
    public async IAsyncEnumerable<StreamItem> Handle(OpenStreamQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resumeFrom = StreamEventId.TryParseClient(request.LastEventId, out var resumedConnection, out var lastSeen)
                         && (request.ConnectionId is null || request.ConnectionId == resumedConnection)
            ? lastSeen
            : null;
        var connectionId = request.ConnectionId ?? (resumeFrom is not null ? resumedConnection : null);

        StreamConnection connection;
        if (connectionId is null)
        {
            connection = await connections.CreateConnectionAsync(request.Owner, cancellationToken);
        }
        else
        {
            connection = await connections.FindConnectionAsync(connectionId, cancellationToken)
                ?? throw new NotFoundException($"Connection '{connectionId}' does not exist or has expired.");
            if (connection.Owner != request.Owner)
            {
                throw new ForbiddenAccessException($"Connection '{connectionId}' belongs to another user.");
            }
        }

        // Subscribed before the history is read, so nothing published in between is missed.
        var topic = StreamTopic.Connection(connection.Id);
        await using var subscription = bus.Subscribe(topic);

        // With an id from the start, so a browser that drops right after it has a Last-Event-ID.
        yield return new StreamValue<ConnectedEvent>(new ConnectedEvent(connection.Id), StreamEventId.ForClient(connection.Id, resumeFrom ?? StreamEventId.Beginning));
        var tail = new TopicTail(topic, resumeFrom, Replay: connectionId is not null)
        {
            Describe = $"connection {connection.Id} of {request.Owner}",
            MissedMessage = "Some events after your last event id are no longer kept (a connection keeps its latest Hub:HistoryLength events); the ones still kept follow.",
            Resumed = resumeFrom is not null,
            LastEventId = request.LastEventId,
            ClientId = id => StreamEventId.ForClient(connection.Id, id),
        };
        await foreach (var item in follower.TailAsync(subscription, tail, cancellationToken))
        {
            yield return item;
        }
    }
}

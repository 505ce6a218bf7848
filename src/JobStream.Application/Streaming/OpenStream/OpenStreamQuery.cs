using System.Diagnostics;
using System.Runtime.CompilerServices;
using JobStream.Application.Errors;
using Mediator;
using JobStream.Domain.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Streaming.OpenStream;

/// <summary>
/// Open a stream on a new connection (no <paramref name="ConnectionId"/>) or join an existing one.
/// <paramref name="LastEventId"/> is what a reconnecting client sends: it names the connection and the
/// last event it saw, and the events after it are replayed from the connection's history.
/// </summary>
public sealed record OpenStreamQuery(string Owner, string? ConnectionId, string? LastEventId) : IStreamRequest<ServerSentEvent>;

public sealed partial class OpenStreamQueryHandler(
    IStreamBus bus, IConnectionRegistry connections, StreamFollower follower, JobStreamMetrics metrics, ILogger<OpenStreamQueryHandler> logger)
    : IStreamRequestHandler<OpenStreamQuery, ServerSentEvent>
{
    public async IAsyncEnumerable<ServerSentEvent> Handle(OpenStreamQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
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
        var connectedAt = Stopwatch.GetTimestamp();
        LogConnected(connection.Id, request.Owner, connectionId is not null);
        if (resumeFrom is not null)
        {
            metrics.Resumed();
        }
        try
        {
            // With an id from the start, so a browser that drops right after it has a Last-Event-ID.
            yield return new ServerSentEvent(new ConnectedEvent(connection.Id), "connected", StreamEventId.ForClient(connection.Id, resumeFrom ?? StreamEventId.Beginning), follower.Retry);
            await foreach (var message in follower.FollowAsync(subscription, topic, resumeFrom, replay: connectionId is not null, cancellationToken))
            {
                yield return ReferenceEquals(message, StreamFollower.Missed)
                    ? new ServerSentEvent(new MissedEvents(
                        "Some events after your last event id are no longer kept (a connection keeps its latest Hub:HistoryLength events); the ones still kept follow.",
                        request.LastEventId), StreamFollower.MissedEvent)
                    : new ServerSentEvent(message.Data, message.Event, message.Id is null ? null : StreamEventId.ForClient(connection.Id, message.Id));
            }
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(connection.Id, seconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream connected: connection {ConnectionId} of {Owner} (joined: {Joined})")]
    private partial void LogConnected(string connectionId, string owner, bool joined);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream disconnected: connection {ConnectionId} after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(string connectionId, double durationSeconds);
}

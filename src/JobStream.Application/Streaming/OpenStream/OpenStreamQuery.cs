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

public sealed partial class OpenStreamQueryHandler(IStreamManager streams, JobStreamMetrics metrics, ILogger<OpenStreamQueryHandler> logger)
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
            connection = await streams.CreateConnectionAsync(request.Owner, cancellationToken);
        }
        else
        {
            connection = await streams.FindConnectionAsync(connectionId, cancellationToken)
                ?? throw new NotFoundException($"Connection '{connectionId}' does not exist or has expired.");
            if (connection.Owner != request.Owner)
            {
                throw new ForbiddenAccessException($"Connection '{connectionId}' belongs to another user.");
            }
        }

        // Subscribe before reading the history, so nothing published in between is missed; what
        // arrives both ways is recognised by its id and sent once.
        await using var subscription = streams.Subscribe(StreamTopic.Connection(connection.Id));
        var connectedAt = Stopwatch.GetTimestamp();
        LogConnected(connection.Id, request.Owner, connectionId is not null);
        try
        {
            // With an id from the start, so a browser that drops right after it has a Last-Event-ID.
            yield return new ServerSentEvent(new ConnectedEvent(connection.Id), "connected", StreamEventId.ForClient(connection.Id, resumeFrom ?? StreamEventId.Beginning), Retry);

            var last = resumeFrom;
            if (resumeFrom is not null)
            {
                metrics.Resumed();
            }
            if (connectionId is not null)
            {
                foreach (var message in await streams.ReadHistoryAsync(connection.Id, resumeFrom, cancellationToken))
                {
                    last = message.Id;
                    yield return ToEvent(connection.Id, message);
                }
            }

            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                if (message.Id is not null && last is not null && StreamEventId.Compare(message.Id, last) <= 0)
                {
                    continue;
                }
                yield return ToEvent(connection.Id, message);
            }
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(connection.Id, seconds);
        }
    }

    /// <summary>How long EventSource waits before reconnecting after a dropped connection.</summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(3);

    private static ServerSentEvent ToEvent(string connectionId, StreamMessage message) =>
        new(message.Data, message.Event, message.Id is null ? null : StreamEventId.ForClient(connectionId, message.Id));

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream connected: connection {ConnectionId} of {Owner} (joined: {Joined})")]
    private partial void LogConnected(string connectionId, string owner, bool joined);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream disconnected: connection {ConnectionId} after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(string connectionId, double durationSeconds);
}

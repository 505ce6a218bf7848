using System.Diagnostics;
using System.Runtime.CompilerServices;
using JobStream.Domain.Streaming;
using Mediator;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Streaming.ProgressStream;

/// <summary>Stream a user's progress updates: the latest one first, if any, then each new one (seed 002). Only the user may.</summary>
public sealed record ProgressStreamQuery(string UserId, string Caller) : IStreamRequest<ServerSentEvent>;

public sealed partial class ProgressStreamQueryHandler(IStreamManager streams, ILogger<ProgressStreamQueryHandler> logger)
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
        await using var subscription = streams.Subscribe(StreamTopic.UserProgress(request.UserId));
        var connectedAt = Stopwatch.GetTimestamp();
        LogConnected(request.UserId);
        try
        {
            yield return new ServerSentEvent(new { user_id = request.UserId }, "connected");
            if (await streams.GetProgressAsync(request.UserId, cancellationToken) is { } latest)
            {
                yield return new ServerSentEvent(latest, "progress");
            }
            await foreach (var message in subscription.ReadAllAsync(cancellationToken))
            {
                yield return new ServerSentEvent(message.Data, message.Event);
            }
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(connectedAt).TotalSeconds;
            LogDisconnected(request.UserId, seconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress stream connected for user {UserId}")]
    private partial void LogConnected(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress stream disconnected for user {UserId} after {DurationSeconds:0.0} s")]
    private partial void LogDisconnected(string userId, double durationSeconds);
}

using System.Runtime.CompilerServices;
using JobStream.Application.Messaging;
using JobStream.Domain.Streaming;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Streaming.ProgressStream;

/// <summary>Stream a user's progress updates: the latest one first, if any, then each new one (seed 002).</summary>
public sealed record ProgressStreamQuery(string UserId) : IStreamRequest<ServerSentEvent>;

public sealed partial class ProgressStreamQueryHandler(IStreamManager streams, ILogger<ProgressStreamQueryHandler> logger)
    : IStreamRequestHandler<ProgressStreamQuery, ServerSentEvent>
{
    public async IAsyncEnumerable<ServerSentEvent> Handle(ProgressStreamQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var subscription = streams.Subscribe(StreamTopic.UserProgress(request.UserId));
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
            LogDisconnected(request.UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress stream connected for user {UserId}")]
    private partial void LogConnected(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress stream disconnected for user {UserId}")]
    private partial void LogDisconnected(string userId);
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Messaging;

/// <summary>Logs each stream's start, how many items it produced, how long it ran and how it ended.</summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IStreamPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    // Not an iterator itself: the inner pipeline is composed now, so behaviours inside this one
    // (validation) still run when the stream is created.
    public IAsyncEnumerable<TResponse> Handle(TRequest request, StreamHandlerDelegate<TResponse> next, CancellationToken cancellationToken) =>
        Observe(next(), cancellationToken);

    private async IAsyncEnumerable<TResponse> Observe(IAsyncEnumerable<TResponse> inner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = typeof(TRequest).Name;
        var started = Stopwatch.GetTimestamp();
        var count = 0;
        var outcome = "cancelled";
        LogStarted(name);
        try
        {
            await foreach (var item in inner.WithCancellation(cancellationToken))
            {
                count++;
                yield return item;
            }
            outcome = "completed";
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogEnded(name, outcome, count, elapsedMs);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream {Request} started")]
    private partial void LogStarted(string request);

    // "cancelled" also covers a failure: the exception itself is logged where it is handled.
    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Request} {Outcome} after {Count} items in {ElapsedMs:0} ms")]
    private partial void LogEnded(string request, string outcome, int count, double elapsedMs);
}

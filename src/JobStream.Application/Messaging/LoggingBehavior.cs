using System.Diagnostics;
using System.Runtime.CompilerServices;
using JobStream.Application.Errors;
using Mediator;
using Microsoft.Extensions.Logging;

namespace JobStream.Application.Messaging;

/// <summary>Logs each stream's start, how many items it produced, how long it ran and how it ended.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IStreamPipelineBehavior<TMessage, TResponse>
    where TMessage : IStreamMessage
{
    // Not an iterator itself: the inner pipeline is composed now, so behaviours inside this one
    // (validation) still run when the stream is created.
    public IAsyncEnumerable<TResponse> Handle(TMessage message, StreamHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        Observe(next(message, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<TResponse> Observe(IAsyncEnumerable<TResponse> inner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        var count = 0;
        // Stays "stopped" when the reader leaves before the end: a client that disconnects.
        var outcome = "stopped";
        LogStarted(name);
        var items = inner.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync())
                    {
                        outcome = "completed";
                        break;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    outcome = "cancelled";
                    throw;
                }
                catch (Exception ex) when (ex is NotFoundException or ForbiddenAccessException or FluentValidation.ValidationException)
                {
                    // The client's mistake (answered 404, 403 or 400), not the service's failure.
                    outcome = $"refused ({ex.Message})";
                    throw;
                }
                catch (Exception ex)
                {
                    outcome = "failed";
                    LogFailed(ex, name, count);
                    throw;
                }
                count++;
                yield return items.Current;
            }
        }
        finally
        {
            await items.DisposeAsync();
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogEnded(name, outcome, count, elapsedMs);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream {Request} started")]
    private partial void LogStarted(string request);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {Request} failed after {Count} items")]
    private partial void LogFailed(Exception exception, string request, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Request} {Outcome} after {Count} items in {ElapsedMs:0} ms")]
    private partial void LogEnded(string request, string outcome, int count, double elapsedMs);
}

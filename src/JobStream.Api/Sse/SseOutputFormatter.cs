using System.Text;
using System.Text.Json;
using JobStream.Application.Errors;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Domain.Streaming;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Sse;

/// <summary>
/// Writes an <see cref="IAsyncEnumerable{T}"/> returned by an action as a text/event-stream: one event
/// per item, flushed as it is produced, with keepalive comments while the next item is pending, and an
/// <c>error</c> event if the stream fails part-way. This is the only code that writes SSE responses.
/// </summary>
public sealed partial class SseOutputFormatter : TextOutputFormatter
{
    public const string MediaType = "text/event-stream";

    /// <summary>Events written back to back are sent together, up to this many at a time.</summary>
    private const int MaxUnsentEvents = 16;

    public SseOutputFormatter()
    {
        SupportedMediaTypes.Add(MediaType);
        SupportedEncodings.Add(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    // Items are read as IAsyncEnumerable<object>, which covariance allows for any reference type.
    protected override bool CanWriteType(Type? type) =>
        type is not null && ItemType(type) is { IsValueType: false };

    public override void WriteResponseHeaders(OutputFormatterWriteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        http.Response.ContentType = MediaType;
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Response.Headers.ContentEncoding = "identity";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context, Encoding selectedEncoding)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<StreamOptions>>().Value;
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var logger = services.GetRequiredService<ILogger<SseOutputFormatter>>();
        var metrics = services.GetRequiredService<JobStreamMetrics>();
        var aborted = http.RequestAborted;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var items = (IAsyncEnumerable<object?>)context.Object!;
        using var writer = new SseEventWriter(http.Response.BodyWriter, json);

        using var open = services.GetRequiredService<OpenStreams>().Open();
        await http.Response.StartAsync(aborted); // headers now, so the client knows the stream is open
        LogOpened(logger, http.TraceIdentifier, http.Request.Path);

        // Streams are created with their ending token (StreamLifetime: the client leaving or the instance
        // stopping); passing another here would make every iterator of the chain link the two.
        var enumerator = items.GetAsyncEnumerator();
        using var keepAlive = services.GetRequiredService<StreamClock>().CreateAlarm(TimeSpan.FromSeconds(options.KeepAliveSeconds));
        var pending = false;
        var unsent = 0;
        try
        {
            while (true)
            {
                // Watched once (one continuation), then awaited once it has completed: what an await does.
#pragma warning disable CA2012
                var next = enumerator.MoveNextAsync();
#pragma warning restore CA2012
                if (!next.IsCompleted)
                {
                    // Watched before anything else can fail, so the finally block can wait for it.
                    pending = true;
                    keepAlive.Watch(next);
                    if (unsent > 0)
                    {
                        // Events that were ready one after another go out in one send; none waits unsent.
                        await writer.FlushAsync(aborted);
                        metrics.Delivered(unsent);
                        unsent = 0;
                    }
                    while (!await keepAlive.WaitAsync())
                    {
                        await writer.WritePingAsync(aborted);
                        keepAlive.Reset();
                    }
                    pending = false;
                }
                if (!await next)
                {
                    break;
                }
                writer.Write(enumerator.Current);
                keepAlive.Reset();
                if (++unsent == MaxUnsentEvents)
                {
                    await writer.FlushAsync(aborted);
                    metrics.Delivered(unsent);
                    unsent = 0;
                }
            }
            await writer.FlushAsync(aborted);
            metrics.Delivered(unsent);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the enumerator's token cancels the work behind the stream.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The instance is stopping: the client reconnects, with its Last-Event-ID, to another one.
            LogDrained(logger, http.TraceIdentifier);
            await writer.WriteAsync(
                new ServerSentEvent(new Reconnect("This instance is stopping: reconnect to continue."), "reconnect", retry: TimeSpan.FromMilliseconds(options.ReconnectAfterMilliseconds)),
                CancellationToken.None);
        }
        catch (StreamInterruptedException ex) when (!aborted.IsCancellationRequested)
        {
            LogInterrupted(logger, http.TraceIdentifier, ex.Message);
            await writer.WriteAsync(new ServerSentEvent(new StreamError(ex.Message), "error"), CancellationToken.None);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, http.TraceIdentifier);
            await writer.WriteAsync(new ServerSentEvent(new StreamError("The stream failed on the server; reconnect to retry."), "error"), CancellationToken.None);
        }
        finally
        {
            // An async iterator cannot be disposed while MoveNextAsync runs (a ping failed to write
            // because the client left); it ends promptly because it observes its ending token, which fires too.
            if (pending)
            {
                await keepAlive.WaitForItemAsync();
            }
            await enumerator.DisposeAsync();
            LogClosed(logger, http.TraceIdentifier, aborted.IsCancellationRequested);
        }
    }

    private static Type? ItemType(Type type)
    {
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private sealed record StreamError(string Message);

    private sealed record Reconnect(string Message);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSE stream {TraceId} ended: the instance is stopping; the client was told to reconnect")]
    private static partial void LogDrained(ILogger logger, string traceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSE stream {TraceId} opened on {Path}")]
    private static partial void LogOpened(ILogger logger, string traceId, PathString path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SSE stream {TraceId} closed (client disconnected: {Disconnected})")]
    private static partial void LogClosed(ILogger logger, string traceId, bool disconnected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSE stream {TraceId} interrupted: {Reason}")]
    private static partial void LogInterrupted(ILogger logger, string traceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "SSE stream {TraceId} failed part-way; an error event was sent")]
    private static partial void LogFailed(ILogger logger, Exception exception, string traceId);
}

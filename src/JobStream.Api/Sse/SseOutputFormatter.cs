using System.Text;
using System.Text.Json;
using JobStream.Application.Errors;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Sse;

/// <summary>
/// Writes an <see cref="IAsyncEnumerable{T}"/> of <see cref="StreamItem"/>s returned by an action as a
/// text/event-stream: one event per item (<see cref="SseEventWriter"/>), flushed as it is produced, the
/// first with the clients' reconnection time (Hub:ClientRetryMilliseconds), keepalive comments while the
/// next item is pending (or the stream's own heartbeat event: <see cref="Heartbeats"/>), and an <c>error</c>
/// event if the stream fails part-way. This is the only code
/// that writes SSE responses.
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

    protected override bool CanWriteType(Type? type) =>
        type is not null && ItemType(type) is { } item && typeof(StreamItem).IsAssignableFrom(item);

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
        var items = (IAsyncEnumerable<StreamItem>)context.Object!;
        var retry = TimeSpan.FromMilliseconds(services.GetRequiredService<IOptions<HubOptions>>().Value.ClientRetryMilliseconds);
        var writer = new SseEventWriter(http.Response.BodyWriter, json);

        using var open = services.GetRequiredService<OpenStreams>().Open();
        await http.Response.StartAsync(aborted); // headers now, so the client knows the stream is open
        LogOpened(logger, http.TraceIdentifier, http.Request.Path);

        // One alarm for the stream, kept here rather than in an iterator around the items: an idle stream
        // holds the alarm and nothing more. It rings for the keepalive (KeepAliveSeconds after the last
        // thing sent) or for the stream's own heartbeat (Heartbeats: every interval, also while events
        // flow), whichever is due first; a heartbeat is itself a keepalive.
        // Streams are created with their ending token (StreamLifetime: the client leaving or the instance
        // stopping); passing another here would make every iterator of the chain link the two.
        var enumerator = items.GetAsyncEnumerator();
        var keepAliveInterval = TimeSpan.FromSeconds(options.KeepAliveSeconds);
        using var alarm = services.GetRequiredService<StreamClock>().CreateAlarm(keepAliveInterval);
        var keepAlive = alarm.Span(keepAliveInterval);
        Heartbeats? heartbeats = null;
        var heartbeatEvery = 0L;
        var nextHeartbeat = long.MaxValue;
        var first = true;
        var unsent = 0;
        var pending = false;
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
                    alarm.Watch(next);
                    if (unsent > 0)
                    {
                        // Events that were ready one after another go out in one send; none waits unsent.
                        await writer.FlushAsync(aborted);
                        metrics.Delivered(unsent);
                        unsent = 0;
                    }
                    while (!await alarm.WaitAsync())
                    {
                        if (!WriteHeartbeatIfDue())
                        {
                            writer.WritePing();
                            Rearm();
                        }
                        await writer.FlushAsync(aborted);
                        metrics.Delivered(unsent);
                        unsent = 0;
                    }
                    pending = false;
                }
                if (!await next)
                {
                    break;
                }
                if (enumerator.Current is Heartbeats asked)
                {
                    heartbeats = asked;
                    heartbeatEvery = alarm.Span(asked.Interval);
                    nextHeartbeat = alarm.Now + heartbeatEvery;
                    Rearm();
                    continue;
                }
                Write(enumerator.Current);
                WriteHeartbeatIfDue(); // keeps its beat while events flow, and goes out with them
                if (unsent >= MaxUnsentEvents) // a heartbeat may have been the 16th
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
            // The client went away; the items' token cancels the work behind the stream.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The instance is stopping: the client reconnects, with its Last-Event-ID, to another one.
            LogDrained(logger, http.TraceIdentifier);
            await writer.WriteAsync(
                new StreamValue<Reconnect>(new Reconnect("This instance is stopping: reconnect to continue.")),
                CancellationToken.None,
                TimeSpan.FromMilliseconds(options.ReconnectAfterMilliseconds));
        }
        catch (StreamInterruptedException ex) when (!aborted.IsCancellationRequested)
        {
            LogInterrupted(logger, http.TraceIdentifier, ex.Message);
            await writer.WriteAsync(new StreamValue<StreamFailed>(new StreamFailed(ex.Message)), CancellationToken.None);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested)
        {
            LogFailed(logger, ex, http.TraceIdentifier);
            await writer.WriteAsync(new StreamValue<StreamFailed>(new StreamFailed("The stream failed on the server; reconnect to retry.")), CancellationToken.None);
        }
        finally
        {
            // Waits for a pending item first (an async iterator cannot be disposed while it runs); it
            // ends promptly because it observes its ending token, which fires too.
            if (pending)
            {
                await alarm.WaitForItemAsync();
            }
            await enumerator.DisposeAsync();
            LogClosed(logger, http.TraceIdentifier, aborted.IsCancellationRequested);
        }

        // The first event tells EventSource how long to wait before it reconnects.
        void Write(StreamItem item)
        {
            writer.Write(item, first ? retry : null);
            first = false;
            unsent++;
            Rearm();
        }

        bool WriteHeartbeatIfDue()
        {
            if (heartbeats is null || alarm.Now < nextHeartbeat)
            {
                return false;
            }
            nextHeartbeat = alarm.Now + heartbeatEvery;
            Write(heartbeats.Beat());
            return true;
        }

        // The alarm rings for the keepalive, counted from now (something just went out), or for the next
        // heartbeat, whichever is first.
        void Rearm()
        {
            alarm.RingAt(Math.Min(alarm.Now + keepAlive, nextHeartbeat));
        }
    }

    private static Type? ItemType(Type type)
    {
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

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

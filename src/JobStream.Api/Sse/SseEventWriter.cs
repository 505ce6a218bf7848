using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;

namespace JobStream.Api.Sse;

/// <summary>
/// Frames stream items on the SSE wire: the only place that knows the format. Data is JSON on one line;
/// an event name or id that could break a line is refused before anything of the event is written, so
/// user data can never end an event early or inject a field. .NET's SseFormatter cannot write comments,
/// which the keepalive needs; this writer is the small part it lacks.
/// </summary>
public sealed class SseEventWriter(PipeWriter output, JsonSerializerOptions json)
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();

    // One JSON writer per thread, lent to whichever stream serialises a value on it (synchronously), not
    // one per stream: ten thousand idle streams would each keep one for their rare heartbeat.
    [ThreadStatic]
    private static Utf8JsonWriter? t_jsonWriter;

    /// <summary>True where <paramref name="value"/> could be written as one SSE field value.</summary>
    public static bool IsSingleLine(string? value) =>
        value is null || value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0;

    /// <summary>Writes one event and sends it.</summary>
    public ValueTask<FlushResult> WriteAsync(StreamItem item, CancellationToken cancellationToken, TimeSpan? retry = null)
    {
        Write(item, retry);
        return output.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one item as an event without sending it yet, with a <c>retry:</c> field where
    /// <paramref name="retry"/> is given. <see cref="FlushAsync"/> sends what was written.
    /// </summary>
    /// <exception cref="ArgumentException">The item's event name or id holds CR, LF or NUL.</exception>
    public void Write(StreamItem item, TimeSpan? retry = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (name, data) = item switch
        {
            StreamMessage message => (message.Event == StreamMessage.Unnamed ? null : message.Event, (object?)message.Data),
            StreamValue value => (SseEventNames.Of(value.Data.GetType()), value.Data),
            _ => (null, null),
        };
        if (!IsSingleLine(name) || !IsSingleLine(item.Id))
        {
            throw new ArgumentException("An SSE event name or id cannot contain CR, LF or NUL.", nameof(item));
        }
        if (retry is { } r && r < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retry), "The reconnection time cannot be negative.");
        }

        WriteField("id: "u8, item.Id);
        WriteField("event: "u8, string.IsNullOrEmpty(name) ? null : name);
        if (retry is { } wait)
        {
            WriteField("retry: "u8, ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }
        if (item is StreamPosition)
        {
            // Fields only: EventSource takes the id and retry and dispatches nothing.
            output.Write("\n"u8);
            return;
        }
        if (data is JsonPayload payload)
        {
            // Compact JSON already: copied as it is, with its framing, in one piece of the output.
            var utf8 = payload.Utf8.Span;
            var line = output.GetSpan(utf8.Length + 8);
            "data: "u8.CopyTo(line);
            utf8.CopyTo(line[6..]);
            "\n\n"u8.CopyTo(line[(6 + utf8.Length)..]);
            output.Advance(utf8.Length + 8);
            return;
        }
        output.Write("data: "u8);
        var jsonWriter = t_jsonWriter;
        if (jsonWriter is null || jsonWriter.Options.Encoder != json.Encoder)
        {
            t_jsonWriter = jsonWriter = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true });
        }
        else
        {
            jsonWriter.Reset(output);
        }
        try
        {
            JsonSerializer.Serialize(jsonWriter, data, data?.GetType() ?? typeof(object), json);
            jsonWriter.Flush();
        }
        finally
        {
            jsonWriter.Reset(Stream.Null); // lets go of this stream's output
        }
        output.Write("\n\n"u8);
    }

    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    /// <summary>Writes a keepalive comment without sending it.</summary>
    public void WritePing() => output.Write(Ping);

    private void WriteField(ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            return;
        }
        output.Write(name);
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length) + 1);
        var written = Encoding.UTF8.GetBytes(value, span);
        span[written] = (byte)'\n';
        output.Advance(written + 1);
    }
}

using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Domain.Streaming;

namespace JobStream.Api.Sse;

/// <summary>
/// Frames events on the SSE wire. Data is JSON on one line, and the only other values written
/// (event name, id) are single-line by construction (<see cref="ServerSentEvent"/>), so user data can
/// never end an event early or inject a field. .NET's SseFormatter cannot write comments, which the
/// keepalive needs; this writer is the small part it lacks.
/// </summary>
public sealed class SseEventWriter(PipeWriter output, JsonSerializerOptions json) : IDisposable
{
    private static readonly byte[] Ping = ": ping\n\n"u8.ToArray();
    private readonly Utf8JsonWriter _jsonWriter = new(output, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true });

    /// <summary>Writes one event and sends it.</summary>
    public ValueTask<FlushResult> WriteAsync(object? item, CancellationToken cancellationToken)
    {
        Write(item);
        return output.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one event without sending it yet: a <see cref="ServerSentEvent"/> with its fields, anything
    /// else as an unnamed data event. <see cref="FlushAsync"/> sends what was written.
    /// </summary>
    public void Write(object? item)
    {
        var data = item;
        if (item is ServerSentEvent sse)
        {
            WriteField("id: "u8, sse.Id);
            WriteField("event: "u8, sse.EventName);
            if (sse.Retry is { } retry)
            {
                WriteField("retry: "u8, ((long)retry.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            }
            data = sse.Data;
            if (!sse.HasData)
            {
                output.Write("\n"u8);
                return;
            }
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
        _jsonWriter.Reset(output);
        JsonSerializer.Serialize(_jsonWriter, data, data?.GetType() ?? typeof(object), json);
        _jsonWriter.Flush();
        output.Write("\n\n"u8);
    }

    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

    public ValueTask<FlushResult> WritePingAsync(CancellationToken cancellationToken)
    {
        output.Write(Ping);
        return output.FlushAsync(cancellationToken);
    }

    public void Dispose() => _jsonWriter.Dispose();

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

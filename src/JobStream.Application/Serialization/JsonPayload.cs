using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobStream.Application.Serialization;

/// <summary>
/// A JSON value already serialised to compact UTF-8: serialised once, written as it is to every
/// subscriber. Compact means no line breaks, so it is always a valid single SSE data line.
/// </summary>
[JsonConverter(typeof(JsonPayloadConverter))]
public sealed class JsonPayload
{
    public static readonly JsonPayload Null = new("null"u8.ToArray());

    private JsonPayload(ReadOnlyMemory<byte> utf8)
    {
        Utf8 = utf8;
    }

    public ReadOnlyMemory<byte> Utf8 { get; }

    public static JsonPayload From<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, JsonDefaults.Options));

    /// <summary>Re-writes an untrusted JSON value compactly, with the service's escaping.</summary>
    public static JsonPayload From(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonDefaults.Options.Encoder }))
        {
            element.WriteTo(writer);
        }
        return new JsonPayload(buffer.WrittenMemory);
    }

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);

    private sealed class JsonPayloadConverter : JsonConverter<JsonPayload>
    {
        public override JsonPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return From(document.RootElement);
        }

        public override void Write(Utf8JsonWriter writer, JsonPayload value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
    }
}

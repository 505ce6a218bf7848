using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobStream.Api.Serialization;

/// <summary>The one JSON shape of every body and event: snake_case, readable non-ASCII, ISO-8601 dates.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = ReadableJsonEncoder.Instance;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.WriteIndented = false; // an SSE data line must not contain a line break
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}

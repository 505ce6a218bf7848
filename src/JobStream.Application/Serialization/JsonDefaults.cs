using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobStream.Application.Serialization;

/// <summary>The one JSON shape of every body and event: snake_case, readable non-ASCII, ISO-8601 dates.</summary>
public static class JsonDefaults
{
    /// <summary>Options for code outside MVC (stream payloads, Redis); MVC's own are configured with <see cref="Apply"/>.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

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

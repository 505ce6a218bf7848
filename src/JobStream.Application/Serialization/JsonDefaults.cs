using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JobStream.Domain.Jobs;

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
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(WriteUnstatedAsNull);
    }

    // A job's fields a source may leave unstated are written as null rather than left out: every job
    // carries every field of the job object, and null says "not stated" where "" said nothing.
    private static void WriteUnstatedAsNull(JsonTypeInfo info)
    {
        if (info.Type != typeof(Job))
        {
            return;
        }
        foreach (var property in info.Properties.Where(p => p.Name is "department" or "employment_type" or "salary"))
        {
            property.ShouldSerialize = static (_, _) => true;
        }
    }
}

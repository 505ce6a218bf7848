using System.Text.Json;
using System.Text.RegularExpressions;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Reads the payload a producer published, <c>{"event": "...", "data": ..., "id"?: "..."}</c>, trusting
/// nothing: size, JSON shape, event name characters. Data is re-written compactly, so a pretty-printed
/// payload cannot put a line break into an SSE data line.
/// </summary>
public static partial class PublishedPayload
{
    /// <summary>How deeply an event's data may nest, here and in the Lua functions (HubFunctions) alike.</summary>
    public const int MaxDataDepth = 32;

    // The payload wraps the data in one object more.
    private static readonly JsonReaderOptions Reading = new() { MaxDepth = MaxDataDepth + 1 };

    /// <summary>How an event's data alone is read (a history entry's).</summary>
    public static readonly JsonDocumentOptions DataReading = new() { MaxDepth = MaxDataDepth };

    public static bool TryRead(ReadOnlySpan<byte> payload, int maxBytes, out StreamMessage message, out string problem)
    {
        message = null!;
        if (payload.Length > maxBytes)
        {
            problem = $"payload of {payload.Length} bytes is over the {maxBytes}-byte limit";
            return false;
        }
        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            problem = "payload is not UTF-8";
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(payload, Reading);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "payload is not a JSON object";
                return false;
            }
            if (!root.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String || !EventName().IsMatch(name.GetString()!))
            {
                problem = "\"event\" must be a name of 1-64 letters, digits or _.:-";
                return false;
            }
            if (!root.TryGetProperty("data", out var data))
            {
                problem = "\"data\" is missing";
                return false;
            }
            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
                if (id is null || !EventId().IsMatch(id))
                {
                    problem = "\"id\" must be a Redis stream id (\"ms-seq\")";
                    return false;
                }
            }
            message = new StreamMessage(name.GetString()!, JsonPayload.From(data), id);
            problem = "";
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"payload is not valid JSON ({ex.Message})";
            return false;
        }
    }

    /// <summary>Refuses, at the publisher, data larger than subscribers would accept from an outside producer.</summary>
    public static void EnsureSize(JsonPayload data, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Utf8.Length > maxBytes)
        {
            throw new ArgumentException($"An event's data is at most {maxBytes} bytes (Hub:MaxPayloadBytes); this one has {data.Utf8.Length}.", nameof(data));
        }
    }

    /// <summary>Refuses, at the publisher, an event name no subscriber could be sent.</summary>
    public static void EnsureEventName(string eventName)
    {
        if (eventName is null || !EventName().IsMatch(eventName))
        {
            throw new ArgumentException("An event name is 1-64 letters, digits or _.:- (no spaces or line breaks).", nameof(eventName));
        }
    }

    /// <summary>
    /// Refuses, at the publisher, what no subscriber could be sent, the same in memory and with Redis: a
    /// bad event name, data over the limit, and on a user's progress topic anything but <c>progress</c>.
    /// </summary>
    public static void EnsurePublishable(StreamTopic topic, string eventName, JsonPayload data, int maxBytes)
    {
        EnsureEventName(eventName);
        EnsureSize(data, maxBytes);
        if (topic.Kind == StreamTopicKind.UserProgress)
        {
            EnsureProgressEvent(eventName);
        }
    }

    /// <summary>A user's progress topic carries <c>progress</c> events only: each is the user's latest state.</summary>
    private static void EnsureProgressEvent(string eventName)
    {
        if (eventName != "progress")
        {
            throw new ArgumentException("A user's progress topic carries \"progress\" events only.", nameof(eventName));
        }
    }

    // \A and \z, not ^ and $: "$" also matches before a final line break, which would let "x\n"
    // through as a name. The same set as the Lua functions' check (HubFunctions).
    [GeneratedRegex(@"\A[A-Za-z0-9_.:-]{1,64}\z", RegexOptions.NonBacktracking)]
    public static partial Regex EventName();

    [GeneratedRegex(@"\A[0-9]{1,20}-[0-9]{1,20}\z", RegexOptions.NonBacktracking)]
    private static partial Regex EventId();
}

namespace JobStream.Domain.Streaming;

/// <summary>
/// One server-sent event. Its name and id are checked here, once, so that no event anywhere can
/// carry a line break into the SSE framing; <see cref="Data"/> is serialised as JSON, which never does.
/// </summary>
public sealed record ServerSentEvent
{
    public ServerSentEvent(object? data, string? eventName = null, string? id = null, TimeSpan? retry = null)
    {
        EnsureSingleLine(eventName, nameof(eventName));
        EnsureSingleLine(id, nameof(id));
        if (retry is { } r && r < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retry), "The reconnection time cannot be negative.");
        }

        Data = data;
        EventName = string.IsNullOrEmpty(eventName) ? null : eventName;
        Id = id;
        Retry = retry;
    }

    public object? Data { get; }

    /// <summary>
    /// False for an event of fields only (<see cref="WithoutData"/>): written without a <c>data:</c> line,
    /// so EventSource dispatches nothing but still takes its id and retry.
    /// </summary>
    public bool HasData { get; private init; } = true;

    /// <summary>Only an id and a reconnection time: a stream's opening, before it has anything to say.</summary>
    public static ServerSentEvent WithoutData(string? id, TimeSpan? retry) => new(null, null, id, retry) { HasData = false };

    /// <summary>The SSE <c>event:</c> field; null for an unnamed ("message") event.</summary>
    public string? EventName { get; }

    /// <summary>The SSE <c>id:</c> field, which a client sends back as Last-Event-ID when it reconnects.</summary>
    public string? Id { get; }

    /// <summary>The SSE <c>retry:</c> field: how long a client waits before reconnecting.</summary>
    public TimeSpan? Retry { get; }

    /// <summary>True where <paramref name="value"/> could be written as one SSE field value.</summary>
    public static bool IsSingleLine(string? value) =>
        value is null || value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0;

    private static void EnsureSingleLine(string? value, string name)
    {
        if (!IsSingleLine(value))
        {
            throw new ArgumentException("An SSE field value cannot contain CR, LF or NUL.", name);
        }
    }
}

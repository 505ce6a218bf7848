namespace JobStream.Application.Streaming;

/// <summary>
/// What every stream yields: one thing to tell the client, and where it stands in the stream
/// (<paramref name="Id"/>, which a client sends back as Last-Event-ID to resume after it; null where it
/// cannot). Handlers say what happened; how it goes on the wire (SSE framing, the event name of a value,
/// the reconnection time) is the Api's alone: its SseOutputFormatter writes each item as one event.
/// </summary>
public abstract record StreamItem(string? Id);

/// <summary>A value of the stream's own (a connection, a run started, a gap): told as the event its type names.</summary>
public abstract record StreamValue(string? Id) : StreamItem(Id)
{
    public abstract object Data { get; }
}

/// <inheritdoc cref="StreamValue"/>
public sealed record StreamValue<T>(T Value, string? Id = null) : StreamValue(Id)
    where T : notnull
{
    public override object Data => Value;
}

/// <summary>
/// Only a place in the stream, with nothing to tell yet: a client that drops after it still has an id to
/// resume from. EventSource takes its id and dispatches nothing.
/// </summary>
public sealed record StreamPosition(string Id) : StreamItem(Id);

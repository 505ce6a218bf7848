namespace JobStream.Api.Sse;

/// <summary>
/// Names one event an event stream sends and what its data is, for the OpenAPI document's
/// <c>x-events</c> (<see cref="Swagger.EventStreamEventsFilter"/>): clients generate their event types
/// from it. <c>message</c> is the name of an unnamed event. Every stream may also end with <c>error</c>
/// or <c>reconnect</c>; the document adds those to each.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StreamEventAttribute(string name, Type data) : Attribute
{
    public string Name { get; } = name;

    /// <summary>The event's JSON data; <see cref="object"/> for any JSON (a producer's own shape).</summary>
    public Type Data { get; } = data;
}

/// <inheritdoc />
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StreamEventAttribute<T>(string name) : StreamEventAttribute(name, typeof(T));

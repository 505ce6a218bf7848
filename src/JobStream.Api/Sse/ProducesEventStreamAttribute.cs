using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Sse;

/// <summary>
/// Marks an action that answers with an event stream: Swagger shows it as text/event-stream, and the
/// pipeline knows the endpoint for a stream before it runs (the request log leaves streams out).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class ProducesEventStreamAttribute(Type type) : ProducesResponseTypeAttribute(type, StatusCodes.Status200OK, SseOutputFormatter.MediaType);

/// <summary>An event stream whose events carry <typeparamref name="T"/> items.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProducesEventStreamAttribute<T>() : ProducesEventStreamAttribute(typeof(T));

using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Sse;

public static class EventStreamResults
{
    /// <summary>
    /// An action result that the <see cref="SseOutputFormatter"/> writes whatever the Accept header says.
    /// Not [Produces]: that filter would also force text/event-stream onto a ProblemDetails result.
    /// </summary>
    public static ObjectResult EventStream<T>(this ControllerBase controller, IAsyncEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var result = new ObjectResult(items) { DeclaredType = typeof(IAsyncEnumerable<T>) };
        result.ContentTypes.Add(SseOutputFormatter.MediaType);
        return result;
    }
}

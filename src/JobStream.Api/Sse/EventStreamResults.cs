using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Sse;

public static class EventStreamResults
{
    /// <summary>
    /// An action result that the <see cref="SseOutputFormatter"/> writes whatever the Accept header says
    /// (the action's <see cref="ProducesEventStreamAttribute"/> had it admitted: <see cref="StreamAdmissionFilter"/>).
    /// Not [Produces]: that filter would also force text/event-stream onto a ProblemDetails result.
    /// </summary>
    public static ObjectResult EventStream<T>(this ControllerBase controller, IAsyncEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var result = new ObjectResult(items) { DeclaredType = typeof(IAsyncEnumerable<T>) };
        result.ContentTypes.Add(SseOutputFormatter.MediaType);
        return result;
    }

    /// <summary>
    /// Like <see cref="EventStream{T}"/>, but reads the first item before answering, for streams whose
    /// preconditions are checked asynchronously (a connection that must exist and belong to the caller):
    /// a failure there still becomes a 404 or 403 ProblemDetails, not an event on an open stream.
    /// Only for streams whose first item comes at once (the hub's "connected" event).
    /// </summary>
    public static async Task<IActionResult> EventStreamFromFirstAsync<T>(this ControllerBase controller, IAsyncEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(items);
        // The stream was created with its ending token (StreamLifetime); a second token here would make
        // every iterator in the chain link the two, at a few hundred bytes per open stream.
        var enumerator = items.GetAsyncEnumerator();
        bool hasFirst;
        try
        {
            hasFirst = await enumerator.MoveNextAsync();
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
        if (!hasFirst)
        {
            // Nothing to send, ever (a finished run the client has seen to its end): 204 is what tells
            // EventSource to stop reconnecting.
            await enumerator.DisposeAsync();
            return controller.NoContent();
        }
        return controller.EventStream(Continue(enumerator));
    }

    /// <summary>The id of the last event a reconnecting client saw: the Last-Event-ID header, or a <c>last_event_id</c> query parameter.</summary>
    public static string? LastEventId(this ControllerBase controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        string? value = controller.Request.Headers["Last-Event-ID"];
        if (string.IsNullOrEmpty(value))
        {
            value = controller.Request.Query["last_event_id"];
        }
        return string.IsNullOrEmpty(value) || !SseEventWriter.IsSingleLine(value) || value.Length > 256 ? null : value;
    }

    private static async IAsyncEnumerable<T> Continue<T>(IAsyncEnumerator<T> started)
    {
        await using (started)
        {
            yield return started.Current;
            while (await started.MoveNextAsync())
            {
                yield return started.Current;
            }
        }
    }
}

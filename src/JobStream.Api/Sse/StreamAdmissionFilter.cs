using JobStream.Api.Limits;
using JobStream.Application.Streaming;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace JobStream.Api.Sse;

/// <summary>
/// Before any action that answers with an event stream (<see cref="ProducesEventStreamAttribute"/>) runs:
/// a stream refused now is a 503 the client can retry, while one accepted past the cap would starve the
/// rest. A draining instance takes none; an instance at <c>Limits:MaxOpenStreams</c> none; a client at
/// <c>Limits:MaxStreamsPerClient</c> none more, and the stream it is given holds its place until the response ends.
/// One instance serves every request.
/// </summary>
public sealed class StreamAdmissionFilter(OpenStreams streams, ClientStreams clients, IOptions<LimitsOptions> options) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ProducesEventStreamAttribute>() is null)
        {
            return;
        }
        if (http.IsDraining())
        {
            throw new InstanceDrainingException();
        }
        var limits = options.Value;
        if (streams.Count >= limits.MaxOpenStreams)
        {
            throw new TooManyStreamsException($"This instance holds its most open streams ({limits.MaxOpenStreams}).");
        }
        var lease = clients.TryOpen(ClientIdentity.Of(http))
            ?? throw new TooManyStreamsException($"At most {limits.MaxStreamsPerClient} open streams per client.");
        http.Response.RegisterForDispose(lease);
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}

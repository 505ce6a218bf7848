namespace JobStream.Api.Security;

/// <summary>
/// Headers that keep a browser from misreading or framing JobStream's answers: nosniff, no framing, no
/// referrer. Event streams are left as they are: they are read by EventSource and fetch, never shown.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (response.ContentType?.StartsWith(Sse.SseOutputFormatter.MediaType, StringComparison.Ordinal) != true)
            {
                response.Headers.XContentTypeOptions = "nosniff";
                response.Headers.XFrameOptions = "DENY";
                response.Headers["Referrer-Policy"] = "no-referrer";
            }
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}

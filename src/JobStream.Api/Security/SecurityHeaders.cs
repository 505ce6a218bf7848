namespace JobStream.Api.Security;

/// <summary>
/// Headers that keep a browser from misreading or framing JobStream's answers: nosniff, no framing, no
/// referrer, and for the UI's pages a content security policy of their own origin only. Event streams are left as they are: they are read by EventSource and fetch, never shown.
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
                if (response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true && !response.Headers.ContainsKey("Content-Security-Policy"))
                {
                    // The UI's pages: its own scripts, styles and streams only (Swagger UI sets none and is left as it is).
                    response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
                }
            }
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}

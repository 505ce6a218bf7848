namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Holds a <see cref="HostThrottle"/> slot for each attempt, from sending until the response headers
/// arrive. It sits inside the retry handler, so a retried request waits its turn again.
/// </summary>
public sealed class HostThrottleHandler(HostThrottle throttle) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (await throttle.EnterAsync(request.RequestUri!, cancellationToken))
        {
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

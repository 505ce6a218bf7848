namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Holds a <see cref="HostThrottle"/> slot for each attempt, from sending until the response headers
/// arrive, and with Redis the site's deployment-wide turn as well (<see cref="ISharedSiteGate"/>). It sits
/// inside the retry handler, so a retried request waits its turn again.
/// </summary>
public sealed class HostThrottleHandler(HostThrottle throttle, ISharedSiteGate? shared = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri!;
        using (await throttle.EnterAsync(url, cancellationToken))
        using (shared is null ? null : await shared.EnterAsync(throttle.SiteOf(url), cancellationToken))
        {
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

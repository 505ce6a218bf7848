using System.Net;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Follows a site's redirects itself, at most Scraping:Http:MaxRedirects of them, and only to http(s):
/// the platform's own redirect handling tried a <c>file:</c> target as a URI to connect to and failed
/// with an exception no caller expected, and took an <c>ftp:</c> one as a host to dial. Each hop is a
/// request of its own through the handlers below, so the per-site throttle and the retries apply to it.
/// </summary>
public sealed class RedirectHandler(Microsoft.Extensions.Options.IOptions<HttpScraperOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        for (var hops = 0; IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hops++)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (target.Scheme is not ("http" or "https"))
            {
                response.Dispose();
                throw new HttpRequestException($"it redirects to a {target.Scheme}: address, and only http(s) is fetched");
            }
            if (hops >= options.Value.MaxRedirects)
            {
                response.Dispose();
                throw new HttpRequestException($"it redirects more than {options.Value.MaxRedirects} times");
            }
            var next = new HttpRequestMessage(KeepsMethod(response.StatusCode) ? request.Method : HttpMethod.Get, target);
            foreach (var header in request.Headers)
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            if (KeepsMethod(response.StatusCode))
            {
                next.Content = request.Content;
            }
            response.Dispose();
            request = next;
            response = await base.SendAsync(request, cancellationToken);
        }
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    // 307 and 308 repeat the request as it was; the others become a GET, as browsers make them.
    private static bool KeepsMethod(HttpStatusCode status) => status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}

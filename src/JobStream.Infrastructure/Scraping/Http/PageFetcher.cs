using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using JobStream.Application.Scraping;
using JobStream.Infrastructure.Scraping.Extraction;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Fetches pages and ATS API documents politely and safely: robots.txt honoured, per-site concurrency
/// and spacing (<see cref="HostThrottleHandler"/>), retries with backoff on 429 and 5xx honouring
/// Retry-After (the client's resilience handler, <see cref="RetryPolicy"/>), bounded reads, and the
/// address policy on every connection.
/// </summary>
public sealed partial class PageFetcher(
    HttpClient httpClient,
    IOptions<HttpScraperOptions> options,
    RobotsCache robots)
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpScraperOptions _options = options.Value;

    /// <summary>
    /// Returns the page, or null when the server answered with an error status. Throws
    /// <see cref="ScrapeFailedException"/> when the site cannot be reached at all or its robots.txt
    /// disallows the page.
    /// </summary>
    public async Task<FetchedPage?> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        if (_options.RespectRobotsTxt && await RulesForAsync(url, cancellationToken) is var rules && !rules.IsAllowed(url))
        {
            throw new ScrapeFailedException(rules.Unavailable is { } why
                ? $"{url.Host}: {why}"
                : $"robots.txt of {url.Host} disallows {url.AbsolutePath}");
        }
        return await SendAsync(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", async (response, body, token) =>
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "text/html";
            IHtmlDocument? document = null;
            if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
            {
                document = await Parser.ParseDocumentAsync(Decode(body, response.Content.Headers.ContentType), token);
            }
            return new FetchedPage(response.RequestMessage?.RequestUri ?? url, mediaType, document);
        }, cancellationToken);
    }

    /// <summary>
    /// Returns the JSON document at <paramref name="url"/> (an ATS API, which is meant for programs and
    /// so is not subject to robots.txt), or null when the answer is an error status or not JSON.
    /// </summary>
    public Task<JsonDocument?> FetchJsonAsync(Uri url, CancellationToken cancellationToken, string? postBody = null) =>
        SendAsync(url, "application/json", (_, body, _) =>
        {
            try
            {
                return Task.FromResult<JsonDocument?>(JsonDocument.Parse(body));
            }
            catch (JsonException)
            {
                return Task.FromResult<JsonDocument?>(null);
            }
        }, cancellationToken, postBody: postBody);

    /// <summary>An XML document (an ATS feed), or null when the answer is not XML. No DTDs, no external entities.</summary>
    public Task<System.Xml.Linq.XDocument?> FetchXmlAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(url, "application/xml,text/xml;q=0.9", (response, body, _) =>
        {
            try
            {
                using var reader = System.Xml.XmlReader.Create(new StringReader(Decode(body, response.Content.Headers.ContentType)),
                    new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
                return Task.FromResult<System.Xml.Linq.XDocument?>(System.Xml.Linq.XDocument.Load(reader));
            }
            catch (System.Xml.XmlException)
            {
                return Task.FromResult<System.Xml.Linq.XDocument?>(null);
            }
        }, cancellationToken);

    /// <summary>
    /// The page URLs a site's sitemaps list: those its robots.txt names, else /sitemap.xml; a sitemap index
    /// is followed one level (its careers/jobs sitemaps first, at most three). Empty when there are none.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> SitemapLocationsAsync(Uri site, CancellationToken cancellationToken)
    {
        var rules = _options.RespectRobotsTxt ? await RulesForAsync(site, cancellationToken) : RobotsRules.AllowAll;
        var roots = rules.Sitemaps.Count > 0 ? rules.Sitemaps.Take(3) : [new Uri(new Uri(site.GetLeftPart(UriPartial.Authority)), "/sitemap.xml")];
        var pages = new List<Uri>();
        foreach (var root in roots)
        {
            var (locations, isIndex) = await ReadSitemapAsync(root, cancellationToken);
            if (!isIndex)
            {
                pages.AddRange(locations);
                continue;
            }
            foreach (var child in locations.OrderByDescending(u => u.AbsolutePath.Contains("job", StringComparison.OrdinalIgnoreCase) || u.AbsolutePath.Contains("career", StringComparison.OrdinalIgnoreCase)).Take(3))
            {
                pages.AddRange((await ReadSitemapAsync(child, cancellationToken)).Locations);
            }
        }
        return pages;
    }

    private async Task<(IReadOnlyList<Uri> Locations, bool IsIndex)> ReadSitemapAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            var xml = await SendAsync(url, "application/xml,text/xml;q=0.9,*/*;q=0.5", (response, body, _) =>
                Task.FromResult<string?>(Decode(body, response.Content.Headers.ContentType)), cancellationToken);
            if (xml is null)
            {
                return ([], false);
            }
            return SitemapReader.Read(xml, cancellationToken);
        }
        catch (ScrapeFailedException)
        {
            return ([], false); // a missing or unreachable sitemap only means one source fewer
        }
    }

    // RFC 9309: a missing robots.txt (4xx) allows everything; one the server fails to give (5xx) allows nothing.
    private async Task<RobotsRules> RulesForAsync(Uri url, CancellationToken cancellationToken)
    {
        if (robots.TryGet(url, out var cached))
        {
            return cached;
        }
        var robotsUrl = new Uri(url.GetLeftPart(UriPartial.Authority) + "/robots.txt");
        var rules = await SendAsync(robotsUrl, "text/plain", (response, body, _) =>
            Task.FromResult<RobotsRules?>(RobotsRules.Parse(Decode(body, response.Content.Headers.ContentType), _options.UserAgentToken)),
            cancellationToken,
            onError: status => (int)status is >= 400 and < 500 ? RobotsRules.AllowAll : RobotsRules.Unreadable((int)status),
            maxBytes: RobotsRules.MaxBytes);
        robots.Store(url, rules!);
        return rules!;
    }

    private async Task<T?> SendAsync<T>(
        Uri url,
        string accept,
        Func<HttpResponseMessage, ReadOnlyMemory<byte>, CancellationToken, Task<T?>> read,
        CancellationToken cancellationToken,
        Func<HttpStatusCode, T?>? onError = null,
        string? postBody = null,
        int? maxBytes = null)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(postBody is null ? HttpMethod.Get : HttpMethod.Post, url);
            if (postBody is not null)
            {
                request.Content = new StringContent(postBody, Encoding.UTF8, "application/json");
            }
            request.Headers.Accept.ParseAdd(accept);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return onError?.Invoke(response.StatusCode);
            }
            var body = await ReadBoundedAsync(response.Content, Math.Min(maxBytes ?? int.MaxValue, _options.MaxResponseBytes), timeout.Token);
            return await read(response, body, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScrapeFailedException($"{url.Host} did not answer within {_options.RequestTimeoutSeconds} s");
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            throw new ScrapeFailedException($"blocked: {blocked.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ScrapeFailedException($"could not fetch {url}: {ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host name not found",
                HttpRequestError.ConnectionError => "connection refused or reset",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                _ => ex.Message,
            }}", ex);
        }
    }

    // At most cap bytes, read straight into one buffer: of the announced size when the site
    // gives one, else grown as the body arrives. The body is never copied a second time.
    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpContent content, int cap, CancellationToken cancellationToken)
    {
        var announced = content.Headers.ContentLength;
        var buffer = new byte[announced is { } size and >= 0 ? (int)Math.Min(size, cap) : Math.Min(64 * 1024, cap)];
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var length = 0;
        while (length < cap)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, 16 * 1024), cap));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }
            length += read;
        }
        return buffer.AsMemory(0, length);
    }

    private static string Decode(ReadOnlyMemory<byte> body, MediaTypeHeaderValue? contentType)
    {
        var encoding = Encoding.UTF8;
        if (contentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset label: UTF-8 is the web's default and the best guess.
            }
        }
        return encoding.GetString(body.Span);
    }

    private static BlockedAddressException? FindBlocked(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BlockedAddressException blocked)
            {
                return blocked;
            }
        }
        return null;
    }

    internal static SocketsHttpHandler CreateHandler(OutboundAddressPolicy policy, HttpScraperOptions options) => new()
    {
        ConnectCallback = policy.ConnectAsync,
        UseProxy = false, // a proxy would dial on our behalf, past the address policy
        AllowAutoRedirect = false, // RedirectHandler follows them, to http(s) only
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
        UseCookies = false,
    };
}

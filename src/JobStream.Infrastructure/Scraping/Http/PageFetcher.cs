using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using JobStream.Infrastructure.Scraping.Extraction;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Fetches pages and ATS API documents politely and safely: robots.txt honoured, per-site concurrency
/// and spacing (<see cref="HostThrottleHandler"/>), retries with backoff on 429 and 5xx honouring
/// Retry-After (the client's resilience handler, <see cref="RetryPolicy"/>), bounded reads, and the
/// address policy on every connection.
/// </summary>
public sealed class PageFetcher(
    HttpClient httpClient,
    IOptions<HttpScraperOptions> options,
    RobotsCache robots)
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpScraperOptions _options = options.Value;

    /// <summary>
    /// The page, parsed when it is HTML; refused when robots.txt disallows it or the address is blocked;
    /// failed when the site cannot be reached in time or answers with an error status.
    /// </summary>
    public async Task<FetchResult<FetchedPage>> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_options.RespectRobotsTxt)
        {
            var robotsRead = await RulesForAsync(url, cancellationToken);
            if (robotsRead.Value is not { } rules)
            {
                return robotsRead.Unanswered<FetchedPage>(); // robots.txt itself could not be had
            }
            if (!rules.IsAllowed(url))
            {
                return Fetch.Refused<FetchedPage>(rules.Unavailable is { } why
                    ? $"{url.Host}: {why}"
                    : $"robots.txt of {url.Host} disallows {url.AbsolutePath}");
            }
        }
        return await SendAsync(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", async (response, body, token) =>
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "text/html";
            IHtmlDocument? document = null;
            if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
            {
                document = await Parser.ParseDocumentAsync(Decode(body, response.Content.Headers.ContentType), token);
            }
            return Fetch.Answered(new FetchedPage(response.RequestMessage?.RequestUri ?? url, mediaType, document));
        }, cancellationToken);
    }

    /// <summary>
    /// Asks for a page a watch read before, with its validators: true when the site answers 304 Not
    /// Modified. Any other answer, or none, is false (the watch then scrapes the site in full). robots.txt
    /// is honoured as for any page.
    /// </summary>
    public async Task<bool> IsNotModifiedAsync(JobStream.Application.Watches.SiteSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
        {
            return false;
        }
        if (_options.RespectRobotsTxt && (await RulesForAsync(url, cancellationToken)).Value?.IsAllowed(url) != true)
        {
            return false;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            FetchValidators.Ask(request, source);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode == HttpStatusCode.NotModified;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// The JSON document at <paramref name="url"/> (an ATS API, which is meant for programs and so is
    /// not subject to robots.txt); failed when the answer is an error status or not JSON.
    /// </summary>
    public Task<FetchResult<JsonDocument>> FetchJsonAsync(Uri url, CancellationToken cancellationToken, string? postBody = null) =>
        SendAsync(url, "application/json", (_, body, _) =>
        {
            try
            {
                return Task.FromResult(Fetch.Answered(JsonDocument.Parse(body)));
            }
            catch (JsonException)
            {
                return Task.FromResult(Fetch.Failed<JsonDocument>($"{url} did not answer with JSON"));
            }
        }, cancellationToken, postBody: postBody);

    /// <summary>An XML document (an ATS feed); failed when the answer is not XML. No DTDs, no external entities.</summary>
    public Task<FetchResult<System.Xml.Linq.XDocument>> FetchXmlAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(url, "application/xml,text/xml;q=0.9", (response, body, _) =>
        {
            try
            {
                using var reader = System.Xml.XmlReader.Create(new StringReader(Decode(body, response.Content.Headers.ContentType)),
                    new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
                return Task.FromResult(Fetch.Answered(System.Xml.Linq.XDocument.Load(reader)));
            }
            catch (System.Xml.XmlException)
            {
                return Task.FromResult(Fetch.Failed<System.Xml.Linq.XDocument>($"{url} did not answer with XML"));
            }
        }, cancellationToken);

    /// <summary>
    /// The page URLs a site's sitemaps list (see <see cref="SitemapsAsync"/>). Empty when there are none or
    /// they cannot be had: a sitemap is only one source more.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> SitemapLocationsAsync(Uri site, CancellationToken cancellationToken) =>
        (await SitemapsAsync(site, cancellationToken)).SelectMany(file => file.Entries).Select(entry => entry.Location).ToList();

    /// <summary>
    /// The sitemaps that list a site's pages: those its robots.txt names, else /sitemap.xml; a sitemap index
    /// is followed one level (its careers/jobs sitemaps first, at most three). Those that cannot be had are
    /// left out.
    /// </summary>
    public async Task<IReadOnlyList<SitemapFile>> SitemapsAsync(Uri site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var rules = _options.RespectRobotsTxt ? (await RulesForAsync(site, cancellationToken)).Value ?? RobotsRules.AllowAll : RobotsRules.AllowAll;
        var roots = rules.Sitemaps.Count > 0 ? rules.Sitemaps.Take(3) : [new Uri(new Uri(site.GetLeftPart(UriPartial.Authority)), "/sitemap.xml")];
        var files = new List<SitemapFile>();
        foreach (var root in roots)
        {
            if ((await ReadSitemapAsync(root, cancellationToken)).Value is not { } read)
            {
                continue;
            }
            if (!read.IsIndex)
            {
                files.Add(read);
                continue;
            }
            foreach (var child in read.Entries.Select(e => e.Location).OrderByDescending(u => u.AbsolutePath.Contains("job", StringComparison.OrdinalIgnoreCase) || u.AbsolutePath.Contains("career", StringComparison.OrdinalIgnoreCase)).Take(3))
            {
                if ((await ReadSitemapAsync(child, cancellationToken)).Value is { IsIndex: false } file)
                {
                    files.Add(file);
                }
            }
        }
        return files;
    }

    /// <summary>
    /// One sitemap file with its validators. Given the validators it was read with before, asks
    /// conditionally: a 304 is a file marked <see cref="SitemapFile.NotModified"/>, without entries.
    /// </summary>
    public Task<FetchResult<SitemapFile>> ReadSitemapAsync(Uri url, CancellationToken cancellationToken, JobStream.Application.Watches.SiteSource? since = null) =>
        SendAsync(url, "application/xml,text/xml;q=0.9,*/*;q=0.5", (response, body, token) =>
            {
                var (entries, isIndex) = SitemapReader.Read(Decode(body, response.Content.Headers.ContentType), token);
                return Task.FromResult(Fetch.Answered(new SitemapFile(url, entries, isIndex, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified)));
            },
            cancellationToken,
            onError: status => status == HttpStatusCode.NotModified ? Fetch.Answered(new SitemapFile(url, [], false, since?.ETag, since?.LastModified) { NotModified = true }) : null,
            since: since);

    // RFC 9309: a missing robots.txt (4xx) allows everything; one the server fails to give (5xx) allows nothing.
    private async Task<FetchResult<RobotsRules>> RulesForAsync(Uri url, CancellationToken cancellationToken)
    {
        if (robots.TryGet(url, out var cached))
        {
            return Fetch.Answered(cached);
        }
        var robotsUrl = new Uri(url.GetLeftPart(UriPartial.Authority) + "/robots.txt");
        var rules = await SendAsync(robotsUrl, "text/plain", (response, body, _) =>
            Task.FromResult(Fetch.Answered(RobotsRules.Parse(Decode(body, response.Content.Headers.ContentType), _options.UserAgentToken))),
            cancellationToken,
            onError: status => Fetch.Answered((int)status is >= 400 and < 500 ? RobotsRules.AllowAll : RobotsRules.Unreadable((int)status)),
            maxBytes: RobotsRules.MaxBytes);
        if (rules.Value is { } read)
        {
            robots.Store(url, read);
        }
        return rules;
    }

    // One request and its answer, read by read; every way it can go wrong is a result, not an exception.
    private async Task<FetchResult<T>> SendAsync<T>(
        Uri url,
        string accept,
        Func<HttpResponseMessage, ReadOnlyMemory<byte>, CancellationToken, Task<FetchResult<T>>> read,
        CancellationToken cancellationToken,
        Func<HttpStatusCode, FetchResult<T>?>? onError = null,
        string? postBody = null,
        int? maxBytes = null,
        JobStream.Application.Watches.SiteSource? since = null)
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
            if (since is not null)
            {
                FetchValidators.Ask(request, since);
            }
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return onError?.Invoke(response.StatusCode) ?? Fetch.Failed<T>($"{url} answered with an error status (HTTP {(int)response.StatusCode})");
            }
            var body = await ReadBoundedAsync(response.Content, Math.Min(maxBytes ?? int.MaxValue, _options.MaxResponseBytes), timeout.Token);
            FetchValidators.Note(url, response);
            return await read(response, body, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fetch.Failed<T>($"{url.Host} did not answer within {_options.RequestTimeoutSeconds} s");
        }
        catch (HttpRequestException ex) when (BlockedAddressException.Within(ex) is { } blocked)
        {
            return Fetch.Refused<T>($"blocked: {blocked.Message}");
        }
        catch (HttpRequestException ex)
        {
            return Fetch.Failed<T>($"could not fetch {url}: {ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host name not found",
                HttpRequestError.ConnectionError => "connection refused or reset",
                HttpRequestError.SecureConnectionError => "TLS handshake failed",
                _ => ex.Message,
            }}");
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

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using JobStream.Application.Scraping;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>Fetches one page politely and safely, and parses it when it is HTML.</summary>
public sealed class PageFetcher(HttpClient httpClient, IOptions<HttpScraperOptions> options)
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpScraperOptions _options = options.Value;

    /// <summary>
    /// Returns the page, or null when the server answered with an error status. Throws
    /// <see cref="ScrapeFailedException"/> when the site cannot be reached at all.
    /// </summary>
    public Task<FetchedPage?> FetchAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", async (response, body, token) =>
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "text/html";
            IHtmlDocument? document = null;
            if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
            {
                document = await Parser.ParseDocumentAsync(Decode(body, response.Content.Headers.ContentType), token);
            }
            return new FetchedPage(response.RequestMessage?.RequestUri ?? url, mediaType, document);
        }, cancellationToken);

    /// <summary>
    /// Returns the JSON document at <paramref name="url"/> (an ATS API), or null when the server answered
    /// with an error status or with something that is not JSON.
    /// </summary>
    public Task<JsonDocument?> FetchJsonAsync(Uri url, CancellationToken cancellationToken) =>
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
        }, cancellationToken);

    private async Task<T?> SendAsync<T>(Uri url, string accept, Func<HttpResponseMessage, byte[], CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }
            var body = await ReadBoundedAsync(response.Content, timeout.Token);
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

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < _options.MaxResponseBytes
               && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, _options.MaxResponseBytes - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Decode(byte[] body, MediaTypeHeaderValue? contentType)
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
        return encoding.GetString(body);
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
        AllowAutoRedirect = options.MaxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
        UseCookies = false,
    };
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using JobStream.Application.Watches;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// The validators (<c>ETag</c>, <c>Last-Modified</c>) of what <see cref="PageFetcher"/> fetched, noted for the
/// flow that opened a log (a watch run) and the tasks it started; nothing is noted where no log is open.
/// </summary>
public sealed class FetchValidators : ISiteFetchLog
{
    private static readonly AsyncLocal<FetchValidators?> Current = new();
    private readonly ConcurrentDictionary<string, (string? ETag, DateTimeOffset? LastModified)> _seen = new(StringComparer.Ordinal);
    private readonly FetchValidators? _outer;

    private FetchValidators(FetchValidators? outer)
    {
        _outer = outer;
    }

    public static FetchValidators Begin()
    {
        var log = new FetchValidators(Current.Value);
        Current.Value = log;
        return log;
    }

    /// <summary>Notes a successful answer's validators in the open log, if any.</summary>
    public static void Note(Uri url, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(response);
        if (Current.Value is not { } log)
        {
            return;
        }
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        if (etag is not null || lastModified is not null)
        {
            log._seen[url.AbsoluteUri] = (etag, lastModified);
        }
    }

    /// <summary>Adds the validators of a source to a conditional request.</summary>
    public static void Ask(HttpRequestMessage request, SiteSource source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        if (source.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        else if (source.LastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }
    }

    public SiteSource? Find(string domain, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && _seen.TryGetValue(uri.AbsoluteUri, out var seen)
            ? new SiteSource(domain, uri.AbsoluteUri, seen.ETag, seen.LastModified)
            : null;

    public void Dispose() => Current.Value = _outer;
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;
using JobStream.Application.Watches;
using JobStream.Domain.Jobs;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// What <see cref="PageFetcher"/> fetched, with the validators (<c>ETag</c>, <c>Last-Modified</c>) each answer
/// carried, noted for the flow that opened a log (a watch run) and the tasks it started; nothing is noted
/// where no log is open.
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

    /// <summary>Notes a successful answer in the open log, if any: at the address asked for and where it was found after redirects.</summary>
    public static void Note(Uri requested, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(response);
        if (Current.Value is not { } log)
        {
            return;
        }
        var validators = (response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
        log._seen[requested.AbsoluteUri] = validators;
        if (response.RequestMessage?.RequestUri is { } found)
        {
            log._seen[found.AbsoluteUri] = validators;
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

    public SiteSource? SourceOf(string domain, IReadOnlyList<Job> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var pages = jobs.Select(j => j.SourcePage).Distinct(StringComparer.Ordinal).ToList();
        if (pages is not [var page]
            || !Uri.TryCreate(page, UriKind.Absolute, out var uri)
            || !_seen.TryGetValue(uri.AbsoluteUri, out var seen)
            || seen is (null, null))
        {
            return null;
        }
        // A job whose own page was read has fields that answer does not hold: it cannot stand for them.
        var ownPageRead = jobs.Any(j => j.Url != page && Uri.TryCreate(j.Url, UriKind.Absolute, out var own) && _seen.ContainsKey(own.AbsoluteUri));
        return ownPageRead ? null : new SiteSource(domain, uri.AbsoluteUri, seen.ETag, seen.LastModified);
    }

    public void Dispose() => Current.Value = _outer;
}

using JobStream.Infrastructure.Scraping.Extraction;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// A sitemap as read, with the validators its answer carried; <see cref="NotModified"/> when a conditional
/// request for it was answered 304 (then without entries).
/// </summary>
public sealed record SitemapFile(Uri Url, IReadOnlyList<SitemapEntry> Entries, bool IsIndex, string? ETag, DateTimeOffset? LastModified)
{
    public bool NotModified { get; init; }
}

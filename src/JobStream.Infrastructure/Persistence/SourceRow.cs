namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// A row of <c>domain_sources</c>: where a watched domain's jobs came from last time, with the site's
/// validators; for a sitemap, also the path its entries were compared under and their digest.
/// </summary>
public sealed class SourceRow
{
    public required string WatchId { get; set; }
    public required string Domain { get; set; }
    public required string Url { get; set; }
    public string? ETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public string? SitemapScope { get; set; }
    public string? SitemapDigest { get; set; }
}

namespace JobStream.Application.Watches;

/// <summary>
/// What stands for a domain's jobs at the next run, so that an unchanged site costs one request: the one
/// page or API answer they all came from last time, with the validators the site gave it (<c>ETag</c>,
/// <c>Last-Modified</c>), asked for conditionally; or, with a <see cref="Listing"/>, the site's sitemap,
/// which listed every page they were read from with its <c>lastmod</c>.
/// </summary>
public sealed record SiteSource(string Domain, string Url, string? ETag, DateTimeOffset? LastModified)
{
    public SitemapListing? Listing { get; init; }
}

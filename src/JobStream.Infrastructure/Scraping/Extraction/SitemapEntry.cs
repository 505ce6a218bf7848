namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>One page (or, in a sitemap index, one sitemap) a sitemap lists, with its <c>lastmod</c> as the site wrote it.</summary>
public sealed record SitemapEntry(Uri Location, string? LastModified);

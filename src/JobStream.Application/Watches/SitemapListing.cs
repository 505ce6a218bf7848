namespace JobStream.Application.Watches;

/// <summary>
/// The part of a sitemap a domain's jobs were read from: the path on the site that holds their pages
/// (<see cref="Scope"/>, "" for the whole site) and a digest of every entry under it with its <c>lastmod</c>.
/// An equal digest next time means no page there was added, removed or modified, as the site tells it.
/// </summary>
public sealed record SitemapListing(string Scope, string Digest);

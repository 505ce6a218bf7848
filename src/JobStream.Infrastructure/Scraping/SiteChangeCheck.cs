using System.Security.Cryptography;
using System.Text;
using JobStream.Application.Watches;
using JobStream.Domain.Jobs;
using JobStream.Domain.Watches;
using JobStream.Infrastructure.Scraping.Extraction;
using JobStream.Infrastructure.Scraping.Http;

namespace JobStream.Infrastructure.Scraping;

/// <summary>
/// Conditional requests through the scraper's own HTTP path: robots.txt, per-site politeness, the address
/// policy. A sitemap stands for a domain's jobs when it lists every page they were read from with a
/// <c>lastmod</c>; it is then compared under the deepest path that holds all those pages, so that a job
/// added there, removed or edited (as its <c>lastmod</c> tells) means a full read.
/// </summary>
public sealed class SiteChangeCheck(PageFetcher fetcher) : ISiteChangeCheck
{
    public ISiteFetchLog BeginLog() => FetchValidators.Begin();

    public async Task<bool> IsUnchangedAsync(SiteSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Listing is not { } listing)
        {
            return await fetcher.IsNotModifiedAsync(source, cancellationToken);
        }
        if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var url))
        {
            return false;
        }
        return (await fetcher.ReadSitemapAsync(url, cancellationToken, since: source)).Value is { } sitemap
               && (sitemap.NotModified || (!sitemap.IsIndex && Digest(sitemap.Entries, url, listing.Scope) == listing.Digest));
    }

    public async Task<SiteSource?> SitemapSourceAsync(string domain, IReadOnlyList<Job> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var pages = new HashSet<string>(StringComparer.Ordinal);
        Uri? site = null;
        foreach (var address in jobs.SelectMany(j => new[] { j.Url, j.SourcePage }))
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var page) || (site is not null && !SameSite(page, site)))
            {
                return null; // not all on one site: no one sitemap can stand for them
            }
            site ??= page;
            pages.Add(JobTracker.CanonicalUrl(page));
        }
        if (site is null)
        {
            return null;
        }
        var scope = Scope(pages.Select(p => new Uri(p)));
        foreach (var sitemap in await fetcher.SitemapsAsync(site, cancellationToken))
        {
            var dated = sitemap.Entries.Where(e => e.LastModified is not null).Select(e => JobTracker.CanonicalUrl(e.Location)).ToHashSet(StringComparer.Ordinal);
            if (pages.IsSubsetOf(dated))
            {
                var listing = new SitemapListing(scope, Digest(sitemap.Entries, site, scope));
                return new SiteSource(domain, sitemap.Url.AbsoluteUri, sitemap.ETag, sitemap.LastModified) { Listing = listing };
            }
        }
        return null;
    }

    // The deepest path all the pages are under ("/careers" for /careers and /careers/jobs/1), "" for the site's root.
    private static string Scope(IEnumerable<Uri> pages)
    {
        string[]? common = null;
        foreach (var segments in pages.Select(p => p.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)))
        {
            common = common is null ? segments : common.Zip(segments).TakeWhile(pair => pair.First == pair.Second).Select(pair => pair.First).ToArray();
        }
        return common is { Length: > 0 } ? "/" + string.Join('/', common) : "";
    }

    private static bool InScope(Uri page, Uri site, string scope)
    {
        var path = page.AbsolutePath.TrimEnd('/');
        return SameSite(page, site) && (scope.Length == 0 || path == scope || path.StartsWith(scope + "/", StringComparison.Ordinal));
    }

    // Every entry under the scope with its lastmod, in a fixed order: equal digests, the same pages as the site dates them.
    private static string Digest(IEnumerable<SitemapEntry> entries, Uri site, string scope)
    {
        var lines = entries.Where(e => InScope(e.Location, site, scope))
            .Select(e => JobTracker.CanonicalUrl(e.Location) + "\t" + e.LastModified)
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..32];
    }

    private static bool SameSite(Uri page, Uri site) =>
        string.Equals(page.GetLeftPart(UriPartial.Authority), site.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}

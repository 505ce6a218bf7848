using JobStream.Domain.Jobs;

namespace JobStream.Application.Watches;

/// <summary>
/// Conditional requests for watch runs: asks whether a source changed, notes what a scrape fetches, and
/// finds the sitemap that can stand for jobs read from several pages.
/// </summary>
public interface ISiteChangeCheck
{
    /// <summary>
    /// Notes every page that scrapes started on this flow (and the tasks it starts) fetch, with its
    /// validators, until disposed: what <see cref="ISiteFetchLog.SourceOf"/> reads.
    /// </summary>
    ISiteFetchLog BeginLog();

    /// <summary>
    /// True when the source is as it was, through the same politeness and address policy as any scrape: its
    /// page answers a conditional request with 304 Not Modified; for a sitemap source, the sitemap answers
    /// 304 or lists the same pages with the same <c>lastmod</c> under the source's scope. False on any other
    /// answer or none.
    /// </summary>
    Task<bool> IsUnchangedAsync(SiteSource source, CancellationToken cancellationToken);

    /// <summary>
    /// A sitemap of the jobs' site that lists every page they were read from (each job's own and the pages
    /// that listed them), each with its <c>lastmod</c>: a source for the next run. Null when the site has no
    /// such sitemap or the jobs are on more than one site.
    /// </summary>
    Task<SiteSource?> SitemapSourceAsync(string domain, IReadOnlyList<Job> jobs, CancellationToken cancellationToken);
}

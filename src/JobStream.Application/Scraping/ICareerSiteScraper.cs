using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;

namespace JobStream.Application.Scraping;

/// <summary>Finds the open jobs on one company's site.</summary>
public interface ICareerSiteScraper
{
    /// <summary>
    /// Returns the jobs found (possibly none). Throws <see cref="ScrapeFailedException"/> when the site
    /// cannot be scraped, with a message fit to show the client.
    /// </summary>
    Task<IReadOnlyList<Job>> ScrapeAsync(SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken cancellationToken);
}

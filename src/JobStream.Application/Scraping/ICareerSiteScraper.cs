using JobStream.Domain.Scraping;

namespace JobStream.Application.Scraping;

/// <summary>Finds the open jobs on one company's site.</summary>
public interface ICareerSiteScraper
{
    /// <summary>
    /// Returns the jobs found (possibly none) and what the scrape relied on but could not read (a board
    /// the page names whose API failed). Throws <see cref="ScrapeFailedException"/> when the site cannot
    /// be scraped at all, with a message fit to show the client.
    /// </summary>
    Task<SiteScrape> ScrapeAsync(SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken cancellationToken);
}

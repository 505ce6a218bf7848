using JobStream.Domain.Jobs;

namespace JobStream.Application.Scraping;

/// <summary>
/// What scraping one site found: its jobs, and a warning for each board or page the scrape relied on
/// that could not be read (<see cref="Domain.Scraping.ScrapeResult.Of"/> makes the domain's result of them).
/// </summary>
public sealed record SiteScrape(IReadOnlyList<Job> Jobs, IReadOnlyList<string> Warnings)
{
    public SiteScrape(IReadOnlyList<Job> jobs)
        : this(jobs, [])
    {
    }
}

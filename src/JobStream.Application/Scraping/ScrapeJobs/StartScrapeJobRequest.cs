namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>The body of POST /api/v1/scrape/jobs.</summary>
public sealed record StartScrapeJobRequest(IReadOnlyList<string>? Domains) : IDomainsRequest;

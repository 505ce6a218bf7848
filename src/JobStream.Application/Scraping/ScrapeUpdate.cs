using JobStream.Domain.Scraping;

namespace JobStream.Application.Scraping;

/// <summary>What a running scrape reports: a progress step of one domain, or one domain's result.</summary>
public sealed record ScrapeUpdate(ScrapeProgress? Progress, ScrapeResult? DomainResult, int Completed, int Total);

namespace JobStream.Domain.Scraping;

/// <summary>All results of a scrape at once, in the order the domains were requested.</summary>
public sealed record ScrapeBatch(IReadOnlyList<ScrapeResult> Results, ScrapeSummary Summary);

namespace JobStream.Application.Scraping;

/// <summary>One granular step of scraping a site, for progress streams.</summary>
public sealed record ScrapeProgress(string Domain, ScrapeStep Step, string Message);

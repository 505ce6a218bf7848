namespace JobStream.Application.Scraping.ScrapeJobs.StartScrapeJob;

/// <summary>The answer to a started job: where its events go, and the path that streams them.</summary>
public sealed record StartedScrapeJob(string JobId, string ConnectionId, string StreamUrl);

namespace JobStream.Application.Scraping.ScrapeJobs.RunCompanies;

/// <summary>The answer to a queued run: the job, how many companies it scrapes, where its events go.</summary>
public sealed record CompaniesJobStarted(string JobId, int Companies, string EventsUrl);

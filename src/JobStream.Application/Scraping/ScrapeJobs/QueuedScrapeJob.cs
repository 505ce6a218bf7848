namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>A job handed to a worker; until acknowledged, a queue may hand it to another worker.</summary>
public sealed class QueuedScrapeJob(ScrapeJob job, Func<Task> acknowledge)
{
    public ScrapeJob Job { get; } = job;

    public Task AcknowledgeAsync() => acknowledge();
}

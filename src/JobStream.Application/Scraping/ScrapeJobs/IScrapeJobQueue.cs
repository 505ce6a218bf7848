using JobStream.Application.Errors;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>Where scrape jobs wait for a worker: in process, or a Redis stream any instance reads.</summary>
public interface IScrapeJobQueue
{
    /// <summary>Queues the job; <see cref="JobQueueFullException"/> when its domains would not fit.</summary>
    Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken);

    /// <summary>Jobs for this worker, as they come; each must be acknowledged when done.</summary>
    IAsyncEnumerable<QueuedScrapeJob> ReadAsync(CancellationToken cancellationToken);
}

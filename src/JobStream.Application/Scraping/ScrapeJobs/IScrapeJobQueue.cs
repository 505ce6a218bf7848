using JobStream.Application.Errors;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>Where scrape jobs wait for a worker: in process, or a Redis stream any instance reads.</summary>
public interface IScrapeJobQueue
{
    /// <summary>Queues the job; <see cref="JobQueueFullException"/> when its domains would not fit.</summary>
    Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Jobs for this worker, as they come; each must be acknowledged when done. <paramref name="room"/> says
    /// how many the reader could start at once when it asks for the next (at least one): a queue may take
    /// that many in one go, and never more, so no job it took waits here unstarted.
    /// </summary>
    IAsyncEnumerable<QueuedScrapeJob> ReadAsync(Func<int> room, CancellationToken cancellationToken);
}

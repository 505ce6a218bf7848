using JobStream.Domain.Scraping;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>
/// Which parts of a split job have finished, and how, shared by every worker that runs one: the part
/// that finishes the job learns so, and says <c>completed</c>. Recording a part twice (it ran again
/// after its worker died) counts it once.
/// </summary>
public interface IScrapeJobTally
{
    /// <summary>Parts of the job recorded so far.</summary>
    Task<int> CountAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Records the part's outcome unless it is recorded already; returns the job's summary once every
    /// part is recorded (on this call and any later one), otherwise null.
    /// </summary>
    Task<ScrapeSummary?> RecordAsync(ScrapeJob part, bool succeeded, CancellationToken cancellationToken);
}

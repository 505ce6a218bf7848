namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>
/// A job handed to a worker. Until it is acknowledged, the queue may hand it to another worker: the
/// worker renews its claim while it runs, and releases the job when it stops without finishing it.
/// <see cref="Deliveries"/> counts how often it has been handed out, this time included.
/// </summary>
public sealed class QueuedScrapeJob(ScrapeJob job, int deliveries, IQueuedJobClaim claim)
{
    public ScrapeJob Job { get; } = job;

    public int Deliveries { get; } = deliveries;

    /// <summary>Done: the job leaves the queue.</summary>
    public Task AcknowledgeAsync() => claim.AcknowledgeAsync();

    /// <summary>Still running: the job is not handed to another worker for a while yet.</summary>
    public Task RenewAsync() => claim.RenewAsync();

    /// <summary>Not finished here (the worker is stopping): the job goes back to the queue for another worker now.</summary>
    public Task ReleaseAsync() => claim.ReleaseAsync();

    /// <summary>Failed here: the job is handed out again later, and this delivery counts.</summary>
    public Task AbandonAsync() => claim.AbandonAsync();

    /// <summary>Replaced in the queue by its parts, in one step: no part is lost and none is queued twice.</summary>
    public Task SplitAsync(IReadOnlyList<ScrapeJob> parts) => claim.SplitAsync(parts);
}

/// <summary>What a queue does for one handed-out job.</summary>
public interface IQueuedJobClaim
{
    Task AcknowledgeAsync();

    Task RenewAsync();

    Task ReleaseAsync();

    Task AbandonAsync();

    Task SplitAsync(IReadOnlyList<ScrapeJob> parts);
}

using System.Security.Cryptography;
using FluentValidation;
using JobStream.Application.Streaming;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>Accepts scrape jobs: checks them, gives each a connection its events go to, and queues it.</summary>
public sealed class ScrapeJobScheduler(IValidator<StartScrapeJobRequest> validator, IStreamManager streams, IScrapeJobQueue queue)
{
    /// <summary>Queues a job whose events go to a new connection of <paramref name="owner"/>.</summary>
    public async Task<(ScrapeJob Job, StreamConnection Connection)> StartAsync(string owner, StartScrapeJobRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var connection = await streams.CreateConnectionAsync(owner, cancellationToken);
        var job = new ScrapeJob(NewJobId(), request.Domains!, connection.Id);
        await queue.EnqueueAsync(job, cancellationToken);
        return (job, connection);
    }

    /// <summary>Queues a job whose events go to every /events client.</summary>
    public async Task<ScrapeJob> BroadcastAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(new StartScrapeJobRequest(domains), cancellationToken);
        var job = new ScrapeJob(NewJobId(), domains, ConnectionId: null);
        await queue.EnqueueAsync(job, cancellationToken);
        return job;
    }

    private static string NewJobId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}

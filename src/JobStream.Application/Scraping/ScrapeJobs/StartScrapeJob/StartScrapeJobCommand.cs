using JobStream.Application.Streaming;
using Mediator;

namespace JobStream.Application.Scraping.ScrapeJobs.StartScrapeJob;

/// <summary>Queue a background scrape whose events go to a new connection of <paramref name="Owner"/> (seed 004).</summary>
public sealed record StartScrapeJobCommand(string Owner, IReadOnlyList<string>? Domains) : IRequest<StartedScrapeJob>, IDomainsRequest;

public sealed class StartScrapeJobCommandHandler(IConnectionRegistry connections, IScrapeJobQueue queue) : IRequestHandler<StartScrapeJobCommand, StartedScrapeJob>
{
    public async ValueTask<StartedScrapeJob> Handle(StartScrapeJobCommand request, CancellationToken cancellationToken)
    {
        var connection = await connections.CreateConnectionAsync(request.Owner, cancellationToken);
        var job = ScrapeJob.New(request.Domains!, connection.Id);
        await queue.EnqueueAsync(job, cancellationToken);
        return new StartedScrapeJob(job.JobId, connection.Id, $"/api/v1/stream/{connection.Id}");
    }
}

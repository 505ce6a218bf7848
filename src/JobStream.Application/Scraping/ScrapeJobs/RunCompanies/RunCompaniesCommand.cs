using Mediator;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs.RunCompanies;

/// <summary>Queue the full batch over the configured company list; its progress goes to every /events client (seed 000).</summary>
public sealed record RunCompaniesCommand : IRequest<StartedRun>;

public sealed class RunCompaniesCommandHandler(IOptions<ScrapingOptions> options, IScrapeJobQueue queue) : IRequestHandler<RunCompaniesCommand, StartedRun>
{
    public async ValueTask<StartedRun> Handle(RunCompaniesCommand request, CancellationToken cancellationToken)
    {
        var job = ScrapeJob.New([.. options.Value.Companies], connectionId: null);
        await queue.EnqueueAsync(job, cancellationToken);
        return new StartedRun(job.JobId, job.Domains.Count, "/events");
    }
}

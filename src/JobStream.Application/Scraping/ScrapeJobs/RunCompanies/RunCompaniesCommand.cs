using Mediator;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs.RunCompanies;

/// <summary>Queue the full batch over the configured company list; its progress goes to every /events client (seed 000).</summary>
public sealed record RunCompaniesCommand : IRequest<CompaniesJobStarted>;

public sealed class RunCompaniesCommandHandler(IOptions<ScrapingOptions> options, IScrapeJobQueue queue) : IRequestHandler<RunCompaniesCommand, CompaniesJobStarted>
{
    public async ValueTask<CompaniesJobStarted> Handle(RunCompaniesCommand request, CancellationToken cancellationToken)
    {
        var job = ScrapeJob.New([.. options.Value.Companies], connectionId: null);
        await queue.EnqueueAsync(job, cancellationToken);
        return new CompaniesJobStarted(job.JobId, job.Domains.Count, "/events");
    }
}

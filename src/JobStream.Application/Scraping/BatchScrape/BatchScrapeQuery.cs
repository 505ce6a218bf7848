using JobStream.Domain.Scraping;
using Mediator;

namespace JobStream.Application.Scraping.BatchScrape;

/// <summary>Scrape these domains and answer with every result at once, in the order they were requested.</summary>
public sealed record BatchScrapeQuery(IReadOnlyList<string>? Domains) : IRequest<ScrapeBatch>, IDomainsRequest;

public sealed class BatchScrapeQueryHandler(DomainsScraper scraper) : IRequestHandler<BatchScrapeQuery, ScrapeBatch>
{
    public async ValueTask<ScrapeBatch> Handle(BatchScrapeQuery request, CancellationToken cancellationToken)
    {
        var domains = request.Domains ?? [];
        var results = await scraper.ScrapeAsync(domains, withProgress: false, cancellationToken)
            .Select(update => update.DomainResult!)
            .ToListAsync(cancellationToken);
        var order = domains.Select((domain, index) => (domain, index)).ToDictionary(p => p.domain, p => p.index);
        var ordered = results.OrderBy(result => order.GetValueOrDefault(result.Domain, int.MaxValue)).ToList();
        return new ScrapeBatch(ordered, ScrapeSummary.Of(ordered));
    }
}

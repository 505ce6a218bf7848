using System.Runtime.CompilerServices;
using JobStream.Domain.Scraping;
using Mediator;

namespace JobStream.Application.Scraping.StreamScrape;

/// <summary>Scrape these domains and stream one result per domain, in the order they finish.</summary>
public sealed record StreamScrapeQuery(IReadOnlyList<string>? Domains) : IStreamRequest<ScrapeResult>, IDomainsRequest;

public sealed class StreamScrapeQueryHandler(ScrapeRunner runner) : IStreamRequestHandler<StreamScrapeQuery, ScrapeResult>
{
    public async IAsyncEnumerable<ScrapeResult> Handle(StreamScrapeQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in runner.RunAsync(request.Domains ?? [], withProgress: false, cancellationToken))
        {
            yield return update.DomainResult!;
        }
    }
}

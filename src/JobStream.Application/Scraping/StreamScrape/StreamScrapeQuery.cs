using JobStream.Application.Scraping.Runs;
using JobStream.Application.Streaming;
using Mediator;

namespace JobStream.Application.Scraping.StreamScrape;

/// <summary>
/// Scrape these domains and stream one unnamed result per domain, in the order they finish (seed 000).
/// It is a run (<see cref="ScrapeRunStream"/>): each event has an id, and a reconnect with
/// <paramref name="LastEventId"/> resumes the same run rather than scraping again.
/// </summary>
public sealed record StreamScrapeQuery(IReadOnlyList<string>? Domains, string? LastEventId = null) : IStreamRequest<StreamItem>, IDomainsRequest;

public sealed class StreamScrapeQueryHandler(ScrapeRunStream runs) : IStreamRequestHandler<StreamScrapeQuery, StreamItem>
{
    public IAsyncEnumerable<StreamItem> Handle(StreamScrapeQuery request, CancellationToken cancellationToken) =>
        runs.OpenAsync(request.Domains ?? [], withProgress: false, request.LastEventId, RunView.ResultsOnly, cancellationToken);
}

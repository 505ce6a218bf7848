using JobStream.Application.Scraping.Runs;
using JobStream.Application.Streaming;
using Mediator;

namespace JobStream.Application.Scraping.StreamScrapeWithSummary;

/// <summary>
/// The scrape stream for EventSource clients: one unnamed event per domain in completion order, then a
/// named <c>completed</c> event with the summary. It is a run (<see cref="ScrapeRunStream"/>): a
/// reconnect with <paramref name="LastEventId"/> resumes it rather than scraping again.
/// </summary>
public sealed record StreamScrapeWithSummaryQuery(IReadOnlyList<string>? Domains, string? LastEventId = null) : IStreamRequest<StreamItem>, IDomainsRequest;

public sealed class StreamScrapeWithSummaryQueryHandler(ScrapeRunStream runs) : IStreamRequestHandler<StreamScrapeWithSummaryQuery, StreamItem>
{
    public IAsyncEnumerable<StreamItem> Handle(StreamScrapeWithSummaryQuery request, CancellationToken cancellationToken) =>
        runs.OpenAsync(request.Domains ?? [], withProgress: false, request.LastEventId, RunView.Full, cancellationToken);
}

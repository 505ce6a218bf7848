using System.Runtime.CompilerServices;
using JobStream.Domain.Scraping;
using JobStream.Domain.Streaming;
using Mediator;

namespace JobStream.Application.Scraping.StreamScrapeWithSummary;

/// <summary>
/// The scrape stream for EventSource clients: one unnamed event per domain in completion order, then a
/// named <c>completed</c> event with the summary, on which the browser closes instead of reconnecting.
/// </summary>
public sealed record StreamScrapeWithSummaryQuery(IReadOnlyList<string>? Domains) : IStreamRequest<ServerSentEvent>, IDomainsRequest;

public sealed class StreamScrapeWithSummaryQueryHandler(ScrapeRunner runner) : IStreamRequestHandler<StreamScrapeWithSummaryQuery, ServerSentEvent>
{
    public async IAsyncEnumerable<ServerSentEvent> Handle(StreamScrapeWithSummaryQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new List<ScrapeResult>();
        await foreach (var update in runner.RunAsync(request.Domains ?? [], withProgress: false, cancellationToken))
        {
            seen.Add(update.DomainResult!);
            yield return new ServerSentEvent(update.DomainResult);
        }
        yield return new ServerSentEvent(ScrapeSummary.Of(seen), "completed");
    }
}

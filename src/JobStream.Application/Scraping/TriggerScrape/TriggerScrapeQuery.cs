using System.Runtime.CompilerServices;
using JobStream.Domain.Scraping;
using JobStream.Domain.Streaming;
using Mediator;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.TriggerScrape;

/// <summary>
/// Scrape domains, or the configured company list when none are named, and stream named events
/// (seed 001): <c>progress</c> for each step of each domain, <c>result</c> for each domain, then one
/// <c>completed</c>.
/// </summary>
public sealed record TriggerScrapeQuery(IReadOnlyList<string>? Domains) : IStreamRequest<ServerSentEvent>, IDomainsRequest
{
    /// <summary>The domains named, or the configured companies when none are.</summary>
    public IReadOnlyList<string> DomainsOr(ScrapingOptions options) =>
        Domains is { Count: > 0 } named ? named : [.. options.Companies];
}

public sealed class TriggerScrapeQueryHandler(ScrapeRunner runner, IOptions<ScrapingOptions> options) : IStreamRequestHandler<TriggerScrapeQuery, ServerSentEvent>
{
    public async IAsyncEnumerable<ServerSentEvent> Handle(TriggerScrapeQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var results = new List<ScrapeResult>();
        await foreach (var update in runner.RunAsync(request.DomainsOr(options.Value), withProgress: true, cancellationToken))
        {
            if (update.Progress is { } step)
            {
                yield return new ServerSentEvent(new ProgressEvent(step.Domain, step.Step, step.Message, update.Completed, update.Total), "progress");
            }
            else
            {
                results.Add(update.DomainResult!);
                yield return new ServerSentEvent(update.DomainResult, "result");
            }
        }
        yield return new ServerSentEvent(ScrapeSummary.Of(results), "completed");
    }
}

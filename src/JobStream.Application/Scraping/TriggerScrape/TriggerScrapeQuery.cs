using JobStream.Application.Scraping.Runs;
using JobStream.Application.Streaming;
using Mediator;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.TriggerScrape;

/// <summary>
/// Scrape domains, or the configured company list when none are named, and stream named events
/// (seed 001): <c>progress</c> for each step of each domain, <c>result</c> for each domain, then one
/// <c>completed</c>. It is a run (<see cref="ScrapeRunStream"/>): a reconnect with
/// <paramref name="LastEventId"/> resumes it rather than scraping again.
/// </summary>
public sealed record TriggerScrapeQuery(IReadOnlyList<string>? Domains, string? LastEventId = null) : IStreamRequest<StreamItem>, IDomainsRequest
{
    /// <summary>The domains named, or the configured companies when none are.</summary>
    public IReadOnlyList<string> DomainsOr(ScrapingOptions options) =>
        Domains is { Count: > 0 } named ? named : [.. options.Companies];
}

public sealed class TriggerScrapeQueryHandler(ScrapeRunStream runs, IOptions<ScrapingOptions> options) : IStreamRequestHandler<TriggerScrapeQuery, StreamItem>
{
    public IAsyncEnumerable<StreamItem> Handle(TriggerScrapeQuery request, CancellationToken cancellationToken) =>
        runs.OpenAsync(request.DomainsOr(options.Value), withProgress: true, request.LastEventId, RunView.Full, cancellationToken);
}

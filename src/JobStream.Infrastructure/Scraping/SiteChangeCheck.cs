using JobStream.Application.Watches;
using JobStream.Infrastructure.Scraping.Http;

namespace JobStream.Infrastructure.Scraping;

/// <summary>Conditional requests through the scraper's own HTTP path: robots.txt, per-site politeness, the address policy.</summary>
public sealed class SiteChangeCheck(PageFetcher fetcher) : ISiteChangeCheck
{
    public ISiteFetchLog BeginLog() => FetchValidators.Begin();

    public Task<bool> IsUnchangedAsync(SiteSource source, CancellationToken cancellationToken) =>
        fetcher.IsNotModifiedAsync(source, cancellationToken);
}

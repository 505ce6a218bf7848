namespace JobStream.Domain.Scraping;

/// <summary>
/// How a multi-domain scrape ended: the payload of a stream's terminal event and of a batch.
/// <see cref="Succeeded"/> counts the domains that gave jobs or had none (partial results too: their
/// warnings are in their own results), <see cref="Failed"/> those that could not be read.
/// </summary>
public sealed record ScrapeSummary(int Total, int Succeeded, int Failed)
{
    public static ScrapeSummary Of(IReadOnlyCollection<ScrapeResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var succeeded = results.Count(r => r.Status != ScrapeStatus.Error);
        return new ScrapeSummary(results.Count, succeeded, results.Count - succeeded);
    }
}

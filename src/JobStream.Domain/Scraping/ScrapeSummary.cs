namespace JobStream.Domain.Scraping;

/// <summary>How a multi-domain scrape ended: the payload of a stream's terminal event and of a batch.</summary>
public sealed record ScrapeSummary(int Total, int Succeeded, int Failed)
{
    public static ScrapeSummary Of(IReadOnlyCollection<ScrapeResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var succeeded = results.Count(r => r.Status == ScrapeStatus.Success);
        return new ScrapeSummary(results.Count, succeeded, results.Count - succeeded);
    }
}

namespace JobStream.Application.Watches;

/// <summary>Conditional requests for watch runs: asks whether a source changed, and notes the validators of what a scrape fetches.</summary>
public interface ISiteChangeCheck
{
    /// <summary>
    /// Notes the validators of every page that scrapes started on this flow (and the tasks it starts) fetch,
    /// until disposed: what <see cref="ISiteFetchLog.Find"/> reads.
    /// </summary>
    ISiteFetchLog BeginLog();

    /// <summary>
    /// True when the site answers the source's conditional request with 304 Not Modified, through the same
    /// politeness and address policy as any scrape; false on any other answer or none.
    /// </summary>
    Task<bool> IsUnchangedAsync(SiteSource source, CancellationToken cancellationToken);
}

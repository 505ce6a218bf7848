namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Politeness per site across every instance of a deployment, on top of each process's own
/// <see cref="HostThrottle"/>: a request to a site starts only when fewer than its limit are in flight
/// from all instances together, and after the site's interval since the last start anywhere.
/// </summary>
public interface ISharedSiteGate
{
    /// <summary>Waits for the site's turn; disposing the lease ends the request's hold on it.</summary>
    Task<IDisposable> EnterAsync(string site, CancellationToken cancellationToken);
}

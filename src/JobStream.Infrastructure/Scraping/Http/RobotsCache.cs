using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// robots.txt rules per site, kept for an hour. Only results are shared: each scrape fetches with its
/// own cancellation, so a client that leaves cancels what it started.
/// </summary>
public sealed class RobotsCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const int MaxSites = 10_000;
    private readonly ConcurrentDictionary<string, (RobotsRules Rules, DateTimeOffset FetchedAt)> _sites = new(StringComparer.OrdinalIgnoreCase);

    public bool TryGet(Uri url, [NotNullWhen(true)] out RobotsRules? rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        rules = _sites.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var entry) && clock.GetUtcNow() - entry.FetchedAt < Lifetime
            ? entry.Rules
            : null;
        return rules is not null;
    }

    public void Store(Uri url, RobotsRules rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_sites.Count >= MaxSites)
        {
            _sites.Clear(); // crude, but bounded; re-fetching robots.txt is cheap
        }
        _sites[url.GetLeftPart(UriPartial.Authority)] = (rules, clock.GetUtcNow());
    }
}

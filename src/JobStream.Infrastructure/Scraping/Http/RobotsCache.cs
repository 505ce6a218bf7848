using System.Diagnostics.CodeAnalysis;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// robots.txt rules per site, kept for an hour, in at most <see cref="MaxBytes"/> of memory (the oldest
/// sites are forgotten first). Only results are shared: each scrape fetches with its own cancellation,
/// so a client that leaves cancels what it started.
/// </summary>
public sealed class RobotsCache(TimeProvider clock)
{
    /// <summary>The memory all cached rules may hold: a thousand sites at the 500 KiB a file is read to, or far more ordinary ones.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly Dictionary<string, (RobotsRules Rules, DateTimeOffset FetchedAt)> _sites = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private long _bytes;

    /// <summary>What the cached rules hold now, about.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public bool TryGet(Uri url, [NotNullWhen(true)] out RobotsRules? rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        lock (_lock)
        {
            rules = _sites.TryGetValue(url.GetLeftPart(UriPartial.Authority), out var entry) && clock.GetUtcNow() - entry.FetchedAt < Lifetime
                ? entry.Rules
                : null;
        }
        return rules is not null;
    }

    public void Store(Uri url, RobotsRules rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(rules);
        var site = url.GetLeftPart(UriPartial.Authority);
        lock (_lock)
        {
            if (_sites.Remove(site, out var replaced))
            {
                _bytes -= replaced.Rules.ApproximateBytes;
            }
            _sites[site] = (rules, clock.GetUtcNow());
            _bytes += rules.ApproximateBytes;
            if (_bytes > MaxBytes)
            {
                // Down to three quarters, oldest first, so that the next few stores do not sort again.
                foreach (var (oldest, entry) in _sites.OrderBy(pair => pair.Value.FetchedAt).ToList())
                {
                    if (_bytes <= MaxBytes * 3 / 4)
                    {
                        break;
                    }
                    _sites.Remove(oldest);
                    _bytes -= entry.Rules.ApproximateBytes;
                }
            }
        }
    }
}

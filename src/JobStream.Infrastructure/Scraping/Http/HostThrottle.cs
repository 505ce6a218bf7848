using System.Collections.Concurrent;
using System.Net;
using JobStream.Infrastructure.Scraping.Domains;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Politeness per site, across every scrape in the process: at most
/// <see cref="HttpScraperOptions.MaxConcurrentRequestsPerHost"/> requests at once, and request starts at
/// least <see cref="HttpScraperOptions.MinRequestIntervalMilliseconds"/> apart. A site is its registrable
/// domain (careers.acme.co.uk and jobs.acme.co.uk are one site, acme.co.uk), or host and port for an
/// address. A site left idle for a minute is forgotten, so the table stays as small as the sites in use.
/// </summary>
public sealed class HostThrottle : IDisposable
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, SiteState> _sites = new(StringComparer.Ordinal);
    private readonly HttpScraperOptions _options;
    private readonly PublicSuffixList _suffixes;
    private readonly TimeProvider _clock;
    private readonly ITimer _sweeper;

    public HostThrottle(IOptions<HttpScraperOptions> options, PublicSuffixList suffixes, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _suffixes = suffixes;
        _clock = clock;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, IdleAfter, IdleAfter);
    }

    /// <summary>Sites remembered now, for tests.</summary>
    public int Count => _sites.Count;

    /// <summary>The key politeness is counted under.</summary>
    public string SiteOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || IPAddress.TryParse(url.IdnHost, out _)
            ? url.Authority
            : _suffixes.RegistrableDomain(url.IdnHost);
    }

    public async Task<IDisposable> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        var state = Join(SiteOf(url));
        try
        {
            await state.Slots.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(state);
            throw;
        }
        try
        {
            TimeSpan wait;
            lock (state)
            {
                var now = _clock.GetUtcNow();
                var start = state.NextStart > now ? state.NextStart : now;
                state.NextStart = start.AddMilliseconds(_options.MinRequestIntervalMilliseconds);
                wait = start - now;
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken);
            }
            return new Lease(state);
        }
        catch
        {
            state.Slots.Release();
            Leave(state);
            throw;
        }
    }

    public void Dispose() => _sweeper.Dispose();

    // Counted in before use, so the sweeper never forgets a site someone is about to wait on.
    private SiteState Join(string site)
    {
        while (true)
        {
            var state = _sites.GetOrAdd(site, _ => new SiteState(_options.MaxConcurrentRequestsPerHost));
            lock (state)
            {
                if (!state.Forgotten)
                {
                    state.Users++;
                    return state;
                }
            }
        }
    }

    private static void Leave(SiteState state)
    {
        lock (state)
        {
            state.Users--;
        }
    }

    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var (site, state) in _sites)
        {
            lock (state)
            {
                if (state.Users == 0 && now - state.NextStart > IdleAfter)
                {
                    state.Forgotten = true;
                    _sites.TryRemove(KeyValuePair.Create(site, state));
                }
            }
        }
    }

    private sealed class SiteState(int concurrency)
    {
        public SemaphoreSlim Slots { get; } = new(concurrency);

        public DateTimeOffset NextStart { get; set; }

        public int Users { get; set; }

        public bool Forgotten { get; set; }
    }

    private sealed class Lease(SiteState state) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                state.Slots.Release();
                Leave(state);
            }
        }
    }
}

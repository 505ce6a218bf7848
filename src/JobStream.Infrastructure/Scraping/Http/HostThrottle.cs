using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>
/// Politeness per site (scheme, host and port): at most <see cref="HttpScraperOptions.MaxConcurrentRequestsPerHost"/>
/// requests at once, and request starts at least <see cref="HttpScraperOptions.MinRequestIntervalMilliseconds"/> apart,
/// across every scrape in the process.
/// </summary>
public sealed class HostThrottle(IOptions<HttpScraperOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpScraperOptions _options = options.Value;

    public async Task<IDisposable> EnterAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var state = _hosts.GetOrAdd(url.GetLeftPart(UriPartial.Authority), _ => new HostState(_options.MaxConcurrentRequestsPerHost));
        await state.Slots.WaitAsync(cancellationToken);
        try
        {
            TimeSpan wait;
            lock (state)
            {
                var now = clock.GetUtcNow();
                var start = state.NextStart > now ? state.NextStart : now;
                state.NextStart = start.AddMilliseconds(_options.MinRequestIntervalMilliseconds);
                wait = start - now;
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
            return new Lease(state.Slots);
        }
        catch
        {
            state.Slots.Release();
            throw;
        }
    }

    private sealed class HostState(int concurrency)
    {
        public SemaphoreSlim Slots { get; } = new(concurrency);

        public DateTimeOffset NextStart { get; set; }
    }

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

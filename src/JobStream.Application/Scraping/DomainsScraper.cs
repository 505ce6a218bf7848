using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Diagnostics;
using JobStream.Application.Telemetry;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping;

/// <summary>
/// Scrapes domains concurrently (at most <see cref="ScrapingOptions.MaxConcurrentDomains"/> at once),
/// each within <see cref="ScrapingOptions.DomainTimeoutSeconds"/>, and reports each domain's result as it
/// finishes, with its progress steps on request. One domain's failure is that domain's error result.
/// When the caller stops reading, every domain still running is cancelled and awaited.
/// </summary>
public sealed partial class DomainsScraper(
    ICareerSiteScraper scraper,
    DomainScrapeSlots instanceSlots,
    JobStreamMetrics metrics,
    IOptions<ScrapingOptions> options,
    ILogger<DomainsScraper> logger)
{
    private readonly ScrapingOptions _options = options.Value;

    public async IAsyncEnumerable<ScrapeUpdate> ScrapeAsync(IReadOnlyList<string> domains, bool withProgress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<ScrapeUpdate>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentDomains);
        var place = instanceSlots.NewPlace();
        metrics.ScrapeStarted();
        var completed = 0;
        var pending = domains.Select(async domain =>
        {
            // Every event of a run names a site the one way the request did ("a.com/" stays "a.com/",
            // not the "https://a.com/" the scraper fetches), so a client keys its rows by what it sent.
            var progress = withProgress
                ? new ChannelProgress(step => updates.Writer.TryWrite(new ScrapeUpdate(step with { Domain = domain }, null, Volatile.Read(ref completed), domains.Count)))
                : null;
            var result = await ScrapeOneAsync(domain, progress, slots, place, stop.Token);
            updates.Writer.TryWrite(new ScrapeUpdate(null, result, Interlocked.Increment(ref completed), domains.Count));
        }).ToList();
        var all = Task.WhenAll(pending).ContinueWith(_ => updates.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken))
            {
                if (update.DomainResult is { } result)
                {
                    LogFinished(result.Domain);
                }
                yield return update;
            }
        }
        finally
        {
            // The client is gone or stopped reading: stop every domain still running and wait for
            // them, so no scrape outlives its request.
            await stop.CancelAsync();
            await all;
        }
    }

    // Never throws: every way a domain can fail becomes an error result for that domain alone.
    private async Task<ScrapeResult> ScrapeOneAsync(string domain, IProgress<ScrapeProgress>? progress, SemaphoreSlim slots, DomainScrapeSlots.Place place, CancellationToken stop)
    {
        if (!SiteAddress.TryParse(domain, out var site))
        {
            return ScrapeResult.Failure(domain, "not an http(s) URL or host name");
        }

        try
        {
            await slots.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return ScrapeResult.Failure(domain, "cancelled");
        }
        IDisposable instanceSlot;
        try
        {
            instanceSlot = await place.EnterAsync(stop);
        }
        catch (OperationCanceledException)
        {
            slots.Release();
            return ScrapeResult.Failure(domain, "cancelled");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.DomainTimeoutSeconds));
        var started = Stopwatch.GetTimestamp();
        ScrapeResult? measured = null;
        try
        {
            // The wait, not only the token, ends at the time limit: work that fails to notice its
            // cancellation (a site's page that takes long to parse) cannot hold this domain's slot
            // past it. Whatever it still throws is observed, never raised.
            var scraping = scraper.ScrapeAsync(site, progress, timeout.Token);
            _ = scraping.ContinueWith(static done => _ = done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var scraped = await scraping.WaitAsync(timeout.Token);
            return measured = ScrapeResult.Of(domain, scraped.Jobs, scraped.Warnings);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ScrapeResult.Failure(domain, "cancelled");
        }
        catch (Exception) when (timeout.IsCancellationRequested)
        {
            // Whatever the work threw once its time was up (a browser page closed under it, a cancelled
            // read) is the time limit's doing, and said as such.
            return measured = ScrapeResult.Failure(domain, $"timed out after {_options.DomainTimeoutSeconds} s");
        }
        catch (ScrapeFailedException ex)
        {
            LogDomainFailed(domain, ex.Message);
            return measured = ScrapeResult.Failure(domain, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A scraper bug must not end the other domains' stream; it is logged in full here and the
            // client gets a message that does not leak internals.
            LogDomainCrashed(ex, domain);
            return measured = ScrapeResult.Failure(domain, "internal error while scraping this domain");
        }
        finally
        {
            if (measured is not null)
            {
                metrics.DomainScraped(measured, Stopwatch.GetElapsedTime(started));
            }
            instanceSlot.Dispose();
            slots.Release();
        }
    }

    // Reports synchronously on the scraper's thread: Progress<T> would post to a captured context.
    private sealed class ChannelProgress(Action<ScrapeProgress> report) : IProgress<ScrapeProgress>
    {
        public void Report(ScrapeProgress value) => report(value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "[STREAM] Finished {Domain}")]
    private partial void LogFinished(string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scraping {Domain} failed: {Reason}")]
    private partial void LogDomainFailed(string domain, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scraping {Domain} crashed")]
    private partial void LogDomainCrashed(Exception exception, string domain);
}

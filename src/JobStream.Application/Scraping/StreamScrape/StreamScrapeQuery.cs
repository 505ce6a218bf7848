using System.Runtime.CompilerServices;
using JobStream.Application.Messaging;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.StreamScrape;

/// <summary>Scrape these domains and stream one result per domain, in the order they finish.</summary>
public sealed record StreamScrapeQuery(IReadOnlyList<string>? Domains) : IStreamRequest<ScrapeResult>;

public sealed partial class StreamScrapeQueryHandler(
    ICareerSiteScraper scraper,
    IOptions<ScrapingOptions> options,
    ILogger<StreamScrapeQueryHandler> logger) : IStreamRequestHandler<StreamScrapeQuery, ScrapeResult>
{
    private readonly ScrapingOptions _options = options.Value;

    public async IAsyncEnumerable<ScrapeResult> Handle(StreamScrapeQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var domains = request.Domains ?? [];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentDomains);
        var pending = domains.Select(domain => ScrapeOneAsync(domain, slots, stop.Token)).ToList();
        try
        {
            await foreach (var finished in Task.WhenEach(pending).WithCancellation(cancellationToken))
            {
                var result = await finished;
                LogFinished(result.Domain);
                yield return result;
            }
        }
        finally
        {
            // The client is gone or the stream ended early: stop every domain still running and wait
            // for them, so no scrape outlives its request.
            await stop.CancelAsync();
            await Task.WhenAll(pending);
        }
    }

    // Never throws: every way a domain can fail becomes an error result for that domain alone.
    private async Task<ScrapeResult> ScrapeOneAsync(string domain, SemaphoreSlim slots, CancellationToken stop)
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

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.DomainTimeoutSeconds));
        try
        {
            var jobs = await scraper.ScrapeAsync(site, progress: null, timeout.Token);
            return ScrapeResult.Success(domain, jobs);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ScrapeResult.Failure(domain, "cancelled");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return ScrapeResult.Failure(domain, $"timed out after {_options.DomainTimeoutSeconds} s");
        }
        catch (ScrapeFailedException ex)
        {
            LogDomainFailed(domain, ex.Message);
            return ScrapeResult.Failure(domain, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A scraper bug must not end the other domains' stream; it is logged in full here and the
            // client gets a message that does not leak internals.
            LogDomainCrashed(ex, domain);
            return ScrapeResult.Failure(domain, "internal error while scraping this domain");
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "[STREAM] Finished {Domain}")]
    private partial void LogFinished(string domain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scraping {Domain} failed: {Reason}")]
    private partial void LogDomainFailed(string domain, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scraping {Domain} crashed")]
    private partial void LogDomainCrashed(Exception exception, string domain);
}

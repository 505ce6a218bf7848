using System.ComponentModel.DataAnnotations;

namespace JobStream.Api.Limits;

/// <summary>
/// What one client, and one instance, may ask of the service, bound from "Limits". The defaults are
/// what one 2-core instance holds while it keeps serving everyone else.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Largest request body; a larger one is answered 413 before it is read.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body of POST /api/v1/scrape/jobs, whose list of domains may run to thousands.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxJobRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Scrapes one client may start a minute (streams, batches, jobs, runs); past it, 429.</summary>
    [Range(1, 100_000)]
    public int ScrapeStartsPerMinute { get; set; } = 30;

    /// <summary>Scrape streams and batches one client may have running at once; past it, 503.</summary>
    [Range(1, 10_000)]
    public int ConcurrentScrapesPerClient { get; set; } = 4;

    /// <summary>Event streams of any kind one client may hold open on this instance; past it, 503.</summary>
    [Range(1, 1_000_000)]
    public int MaxStreamsPerClient { get; set; } = 100;

    /// <summary>Event streams of any kind this instance holds open at once; past it, 503.</summary>
    [Range(1, 1_000_000)]
    public int MaxOpenStreams { get; set; } = 20_000;

    /// <summary>The Retry-After of a 503: when a client may try again.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}

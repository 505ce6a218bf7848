using System.ComponentModel.DataAnnotations;

namespace JobStream.Application.Scraping;

/// <summary>Limits of a scrape request, bound from the "Scraping" section.</summary>
public sealed class ScrapingOptions
{
    public const string SectionName = "Scraping";

    /// <summary>Most domains one request may name.</summary>
    [Range(1, 10_000)]
    public int MaxDomainsPerRequest { get; set; } = 100;

    /// <summary>Most domains one background job (POST /api/v1/scrape/jobs) may name: it is split over the workers.</summary>
    [Range(1, 100_000)]
    public int MaxDomainsPerJob { get; set; } = 10_000;

    /// <summary>
    /// Most domains scraped at once within one request; no more than the instance may run at once
    /// (<see cref="MaxConcurrentDomainScrapes"/>, which shares them out between requests) is ever used.
    /// </summary>
    [Range(1, 4096)]
    public int MaxConcurrentDomains { get; set; } = 50;

    /// <summary>Most domains scraped at once on this instance, across all requests, shared out fairly.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentDomainScrapes { get; set; } = 64;

    /// <summary>A scrape run (GET stream, trigger stream) nobody follows for this long is cancelled; a client that reconnects sooner resumes it.</summary>
    [Range(0, 3600)]
    public int RunGraceSeconds { get; set; } = 30;

    /// <summary>A domain still unfinished after this long becomes an error result.</summary>
    [Range(1, 3600)]
    public int DomainTimeoutSeconds { get; set; } = 60;

    /// <summary>The company list POST /run and a trigger stream without domains scrape.</summary>
    public IList<string> Companies { get; } = [];
}

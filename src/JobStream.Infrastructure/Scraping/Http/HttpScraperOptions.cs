using System.ComponentModel.DataAnnotations;

namespace JobStream.Infrastructure.Scraping.Http;

/// <summary>How the scraper talks to career sites, bound from "Scraping:Http".</summary>
public sealed class HttpScraperOptions
{
    public const string SectionName = "Scraping:Http";

    [Required]
    public string UserAgent { get; set; } = "JobStreamBot/0.1 (+https://github.com/jobstream/jobstream; careers-page indexer)";

    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Pages larger than this are cut off rather than read whole.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Careers pages fetched per domain after the start page, at most.</summary>
    [Range(0, 20)]
    public int MaxCareerPages { get; set; } = 6;

    /// <summary>Pages of one job list read, at most, following its "next" links.</summary>
    [Range(1, 100)]
    public int MaxListPages { get; set; } = 10;

    /// <summary>Job pages read per domain, at most, for what a list of links leaves out (location, type, date…).</summary>
    [Range(0, 1000)]
    public int MaxJobPages { get; set; } = 60;

    /// <summary>Job pages of one domain read at once (each site's own request limits apply as well).</summary>
    [Range(1, 16)]
    public int JobPageConcurrency { get; set; } = 4;

    /// <summary>Honour each site's robots.txt for the User-Agent's product token.</summary>
    public bool RespectRobotsTxt { get; set; } = true;

    [Range(1, 64)]
    public int MaxConcurrentRequestsPerHost { get; set; } = 2;

    /// <summary>Least time between the starts of two requests to the same site.</summary>
    [Range(0, 60_000)]
    public int MinRequestIntervalMilliseconds { get; set; } = 100;

    /// <summary>Retries of a request answered 429, 502, 503 or 504.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>A Retry-After longer than this is not waited for: the request fails instead.</summary>
    [Range(0, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>The product token robots.txt groups are matched against ("JobStreamBot").</summary>
    public string UserAgentToken => UserAgent.Split('/', ' ')[0];

    /// <summary>
    /// Addresses or CIDR ranges that may be fetched although they are not public (loopback, private,
    /// link-local…). Empty in production; development and tests name loopback here.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Ports a site may be fetched on; empty means 80 and 443.</summary>
    public IList<int> AllowedPorts { get; } = [];

    /// <summary>Any port may be fetched (Development, where the demo sites run on loopback ports).</summary>
    public bool AllowAnyPort { get; set; }
}

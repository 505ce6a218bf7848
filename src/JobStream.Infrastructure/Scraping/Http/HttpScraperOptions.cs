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
    public int MaxCareerPages { get; set; } = 4;

    /// <summary>
    /// Addresses or CIDR ranges that may be fetched although they are not public (loopback, private,
    /// link-local…). Empty in production; development and tests name loopback here.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];
}

using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs.StartScrapeJob;

/// <summary>A job may name up to <see cref="ScrapingOptions.MaxDomainsPerJob"/> domains: it is split over the workers.</summary>
public sealed class StartScrapeJobCommandValidator(IOptions<ScrapingOptions> options)
    : DomainsValidator<StartScrapeJobCommand>(options?.Value.MaxDomainsPerJob ?? throw new ArgumentNullException(nameof(options)));

using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs.StartScrapeJob;

public sealed class StartScrapeJobCommandValidator(IOptions<ScrapingOptions> options) : DomainsValidator<StartScrapeJobCommand>(options);

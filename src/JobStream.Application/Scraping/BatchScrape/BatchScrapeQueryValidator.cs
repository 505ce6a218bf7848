using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.BatchScrape;

public sealed class BatchScrapeQueryValidator(IOptions<ScrapingOptions> options) : DomainsValidator<BatchScrapeQuery>(options);

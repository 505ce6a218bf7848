using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.StreamScrape;

public sealed class StreamScrapeQueryValidator(IOptions<ScrapingOptions> options) : DomainsValidator<StreamScrapeQuery>(options);

using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.StreamScrapeWithSummary;

public sealed class StreamScrapeWithSummaryQueryValidator(IOptions<ScrapingOptions> options) : DomainsValidator<StreamScrapeWithSummaryQuery>(options);

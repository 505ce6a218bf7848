using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.Batch;

public sealed class ScrapeBatchQueryValidator(IOptions<ScrapingOptions> options) : DomainsValidator<ScrapeBatchQuery>(options);

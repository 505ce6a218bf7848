using FluentValidation;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.TriggerScrape;

/// <summary>The domains named are checked like any list; with none named, a company list must be configured.</summary>
public sealed class TriggerScrapeQueryValidator : AbstractValidator<TriggerScrapeQuery>
{
    public TriggerScrapeQueryValidator(IOptions<ScrapingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        When(query => query.Domains is { Count: > 0 }, () => Include(new NamedDomains(options)));
        RuleFor(query => query.Domains)
            .Must(_ => options.Value.Companies.Count > 0)
            .When(query => query.Domains is not { Count: > 0 })
            .WithMessage("List at least one domain: no company list (Scraping:Companies) is configured.")
            .OverridePropertyName(DomainsValidator<TriggerScrapeQuery>.DomainsField);
    }

    private sealed class NamedDomains(IOptions<ScrapingOptions> options) : DomainsValidator<TriggerScrapeQuery>(options);
}

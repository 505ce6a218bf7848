using FluentValidation;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.ScrapeJobs.RunCompanies;

/// <summary>A run needs a company list; its entries were checked when the service started.</summary>
public sealed class RunCompaniesCommandValidator : AbstractValidator<RunCompaniesCommand>
{
    public RunCompaniesCommandValidator(IOptions<ScrapingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(command => options.Value.Companies)
            .NotEmpty()
            .WithMessage("No company list is configured: set Scraping:Companies.")
            .OverridePropertyName("companies");
    }
}

using FluentValidation;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping;

/// <summary>The rules for a list of domains, wherever a request names one.</summary>
public sealed class DomainsValidator<T> : AbstractValidator<T>
    where T : IDomainsRequest
{
    public const string DomainsField = "domains";

    public DomainsValidator(IOptions<ScrapingOptions> options)
    {
        var max = options.Value.MaxDomainsPerRequest;

        RuleFor(request => request.Domains)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .WithMessage("List at least one domain.")
            .Must(domains => domains!.Count <= max)
            .WithMessage(request => $"At most {max} domains per request; got {request.Domains!.Count}.")
            .OverridePropertyName(DomainsField);

        RuleForEach(request => request.Domains)
            .Must(domain => SiteAddress.TryParse(domain, out _))
            .WithMessage((_, domain) => $"'{Shorten(domain)}' is not an http(s) URL or a host name.")
            .OverridePropertyName(DomainsField);

        RuleFor(request => request.Domains)
            .Custom((domains, context) =>
            {
                if (domains is null || domains.Count > max)
                {
                    return;
                }
                var seen = new Dictionary<SiteAddress, int>();
                for (var i = 0; i < domains.Count; i++)
                {
                    if (!SiteAddress.TryParse(domains[i], out var site))
                    {
                        continue;
                    }
                    if (seen.TryGetValue(site, out var first))
                    {
                        context.AddFailure($"{DomainsField}[{i}]", $"'{Shorten(domains[i])}' repeats {DomainsField}[{first}].");
                    }
                    else
                    {
                        seen.Add(site, i);
                    }
                }
            });
    }

    // Echo enough of a bad value to recognise it, never an unbounded one.
    private static string Shorten(string? value) =>
        value is null ? "null" : value.Length <= 80 ? value : value[..80] + "…";
}

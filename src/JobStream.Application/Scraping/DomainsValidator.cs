using FluentValidation;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping;

/// <summary>
/// The rules for a list of domains, written once for every request that names one. Past the maximum
/// count nothing else is checked: one error states the limit, however long the list.
/// </summary>
public abstract class DomainsValidator<T> : AbstractValidator<T>
    where T : IDomainsRequest
{
    public const string DomainsField = "domains";

    protected DomainsValidator(IOptions<ScrapingOptions> options)
        : this(options?.Value.MaxDomainsPerRequest ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <param name="max">Most domains a request of this kind may name.</param>
    protected DomainsValidator(int max)
    {
        RuleFor(request => request.Domains)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .WithMessage("List at least one domain.")
            .Must(domains => domains!.Count <= max)
            .WithMessage(request => $"At most {max} domains per request; got {request.Domains!.Count}.")
            .OverridePropertyName(DomainsField)
            .DependentRules(() => RuleFor(request => request.Domains).Custom(EachDomain));
    }

    // One pass over a list already known to be within the limit: each entry parses, none repeats.
    private static void EachDomain(IReadOnlyList<string>? domains, ValidationContext<T> context)
    {
        var seen = new Dictionary<SiteAddress, int>();
        for (var i = 0; i < domains!.Count; i++)
        {
            var field = $"{DomainsField}[{i}]";
            if (!SiteAddress.TryParse(domains[i], out var site))
            {
                context.AddFailure(field, $"'{Shorten(domains[i])}' is not an http(s) URL or a host name.");
            }
            else if (seen.TryGetValue(site, out var first))
            {
                context.AddFailure(field, $"'{Shorten(domains[i])}' repeats {DomainsField}[{first}].");
            }
            else
            {
                seen.Add(site, i);
            }
        }
    }

    // Echo enough of a bad value to recognise it, never an unbounded one.
    private static string Shorten(string? value) =>
        value is null ? "null" : value.Length <= 80 ? value : value[..80] + "…";
}

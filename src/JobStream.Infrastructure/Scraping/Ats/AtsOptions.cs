using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Scraping.Ats;

/// <summary>
/// "Scraping:Ats": how far a board is read, and each provider's endpoints as URL templates
/// (<c>Scraping:Ats:Greenhouse</c>, <c>Scraping:Ats:Workday</c>, …; names and defaults in each
/// <see cref="AtsProvider.Templates"/>), which tests point at loopback.
/// </summary>
public sealed class AtsOptions
{
    public const string SectionName = "Scraping:Ats";

    /// <summary>A board is read to its end, up to this many jobs (Workday answers 20 at a time).</summary>
    [Range(20, 100_000)]
    public int MaxJobsPerBoard { get; set; } = 2000;

    /// <summary>
    /// The most boards read from one page (a group's page may embed one per company; a page naming
    /// hundreds is not making that many companies' boards worth asking for).
    /// </summary>
    [Range(1, 500)]
    public int MaxBoardsPerPage { get; set; } = 20;

    /// <summary>Endpoint templates set in configuration, by name; the others keep their provider's default (<see cref="AtsProvider.Templates"/>).</summary>
    public Dictionary<string, string> Templates { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the section's endpoint templates: every key that is not one of the settings above (a name no provider has is refused at start).</summary>
    public void ReadTemplates(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        foreach (var child in section.GetChildren())
        {
            if (child.Key is not (nameof(MaxJobsPerBoard) or nameof(MaxBoardsPerPage)) && child.Value is { Length: > 0 })
            {
                Templates[child.Key] = child.Value;
            }
        }
    }
}

/// <summary>
/// At start: each configured endpoint named by a provider (a typo is named) and each endpoint template,
/// configured or default, an absolute http(s) URL with its placeholders.
/// </summary>
public sealed class AtsOptionsValidation(AtsProviders providers) : IValidateOptions<AtsOptions>
{
    public ValidateOptionsResult Validate(string? name, AtsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var defaults = providers.All.SelectMany(p => p.Templates).ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        var unknown = options.Templates.Keys.Where(key => !defaults.ContainsKey(key)).ToList();
        if (unknown.Count > 0)
        {
            failures.Add($"{string.Join(", ", unknown.Select(key => $"{AtsOptions.SectionName}:{key}"))}: no ATS endpoint or setting has this name (the endpoints are {string.Join(", ", defaults.Keys)})");
        }
        var invalid = defaults.Keys
            .Where(endpoint => !IsTemplate(options.Templates.GetValueOrDefault(endpoint) ?? defaults[endpoint]))
            .Select(endpoint => $"{AtsOptions.SectionName}:{endpoint}")
            .ToList();
        if (invalid.Count > 0)
        {
            failures.Add($"{string.Join(", ", invalid)}: an endpoint template must be an absolute http(s) URL with its placeholders ({{token}}; Workday {{tenant}}, {{wd}}, {{site}})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTemplate(string template) =>
        template.Contains('{', StringComparison.Ordinal)
        && Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var url)
        && url.Scheme is "http" or "https";
}

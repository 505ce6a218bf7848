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

    /// <summary>Templates set in configuration, by name; the others keep their provider's default.</summary>
    public Dictionary<string, string> Templates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Template(string name) =>
        Templates.TryGetValue(name, out var configured) ? configured
        : AtsProviders.All.Select(p => p.Templates.GetValueOrDefault(name)).OfType<string>().FirstOrDefault()
          ?? throw new ArgumentException($"no ATS endpoint is named {name}", nameof(name));

    /// <summary>Keys of the section that are neither a setting nor an endpoint any provider names (a typo).</summary>
    public List<string> UnknownKeys { get; } = [];

    /// <summary>Reads the templates of the section: every key a provider names; any other key is noted as unknown.</summary>
    public void ReadTemplates(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var names = AtsProviders.All.SelectMany(p => p.Templates.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (names.Contains(child.Key))
            {
                if (child.Value is { Length: > 0 } template)
                {
                    Templates[child.Key] = template;
                }
            }
            else if (child.Key is not (nameof(MaxJobsPerBoard) or nameof(MaxBoardsPerPage)))
            {
                UnknownKeys.Add(child.Key);
            }
        }
    }

    /// <summary>The names of templates that are not an absolute http(s) URL with a placeholder.</summary>
    public IEnumerable<string> InvalidTemplates() =>
        AtsProviders.All.SelectMany(p => p.Templates.Keys).Where(name => !IsTemplate(Template(name)));

    private static bool IsTemplate(string template) =>
        template.Contains('{', StringComparison.Ordinal)
        && Uri.TryCreate(template.Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal), UriKind.Absolute, out var url)
        && url.Scheme is "http" or "https";
}

/// <summary>At start: each endpoint template an absolute http(s) URL with its placeholders, a bad one named.</summary>
public sealed class AtsOptionsValidation : IValidateOptions<AtsOptions>
{
    public ValidateOptionsResult Validate(string? name, AtsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.UnknownKeys.Count > 0)
        {
            failures.Add($"{string.Join(", ", options.UnknownKeys.Select(key => $"{AtsOptions.SectionName}:{key}"))}: no ATS endpoint or setting has this name (the endpoints are {string.Join(", ", AtsProviders.All.SelectMany(p => p.Templates.Keys))})");
        }
        var invalid = options.InvalidTemplates().Select(template => $"{AtsOptions.SectionName}:{template}").ToList();
        if (invalid.Count > 0)
        {
            failures.Add($"{string.Join(", ", invalid)}: an endpoint template must be an absolute http(s) URL with its placeholders ({{token}}; Workday {{tenant}}, {{wd}}, {{site}})");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

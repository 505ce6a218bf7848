namespace JobStream.Infrastructure.Scraping.Enrichment;

/// <summary>What a good job looks like for this deployment, bound from "Scraping:Profile".</summary>
public sealed class ScoringProfile
{
    public const string SectionName = "Scraping:Profile";

    /// <summary>Words that make a job relevant when they appear in its title (or, weaker, its summary).</summary>
    public IList<string> Keywords { get; } = [];

    /// <summary>Places the user would work in; a job located in one of them scores higher.</summary>
    public IList<string> Locations { get; } = [];

    public bool PreferRemote { get; set; }

    /// <summary>Seniority levels sought (intern, junior, mid, senior, staff, principal, lead, manager, director, executive).</summary>
    public IList<string> Seniorities { get; } = [];

    /// <summary>No blank entries, and seniorities from the known ladder (checked at start).</summary>
    public bool IsValid() =>
        Keywords.Concat(Locations).All(entry => !string.IsNullOrWhiteSpace(entry))
        && Seniorities.All(level => KnownSeniorities.Contains(level, StringComparer.OrdinalIgnoreCase));

    public static readonly string[] KnownSeniorities = ["intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "executive"];
}

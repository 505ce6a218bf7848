using JobStream.Domain.Jobs;

namespace JobStream.Domain.Watches;

/// <summary>
/// What a watch's user wants to hear about. Every field is optional; a job matches when it matches every
/// field given: any keyword in its title or summary, the location text within its location, and the
/// location type, seniority and department equal (case aside).
/// </summary>
public sealed record WatchFilters
{
    public static readonly WatchFilters None = new();

    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? Location { get; init; }
    public LocationType? LocationType { get; init; }
    public string? Seniority { get; init; }
    public string? Department { get; init; }

    public bool Matches(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return (Keywords.Count == 0 || Keywords.Any(k => Contains(job.Title, k) || Contains(job.Summary, k)))
               && (string.IsNullOrWhiteSpace(Location) || Contains(job.Location, Location))
               && (LocationType is null || job.LocationType == LocationType)
               && (string.IsNullOrWhiteSpace(Seniority) || string.Equals(job.Seniority, Seniority, StringComparison.OrdinalIgnoreCase))
               && (string.IsNullOrWhiteSpace(Department) || string.Equals(job.Department, Department, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Contains(string text, string part) => text.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase);
}

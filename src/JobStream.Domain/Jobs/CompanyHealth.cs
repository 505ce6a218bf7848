namespace JobStream.Domain.Jobs;

/// <summary>A summary of a company's hiring, computed over all the jobs found for it.</summary>
public sealed record CompanyHealth
{
    public int OpenRoles { get; init; }
    public IReadOnlyList<string> Departments { get; init; } = [];
    /// <summary>Share of the open roles that are remote, 0–1.</summary>
    public double RemoteShare { get; init; }
    public DateTimeOffset? NewestPosting { get; init; }
    /// <summary>Median age in days of the postings that carry a date; null where none does.</summary>
    public double? MedianPostingAgeDays { get; init; }
}

using JobStream.Domain.Jobs;

namespace JobStream.Application.Watches;

/// <summary>
/// A search over one user's stored jobs. <see cref="Text"/> is full-text over title and summary (every
/// word must match, a word also matches as a prefix); the other fields narrow it as <see cref="Domain.Watches.WatchFilters"/> do.
/// </summary>
public sealed record JobSearch
{
    public required string Owner { get; init; }
    public string? Text { get; init; }
    public string? WatchId { get; init; }
    public string? Company { get; init; }
    public string? Location { get; init; }
    public LocationType? LocationType { get; init; }
    public string? Seniority { get; init; }
    public string? Department { get; init; }
    public DateTimeOffset? PostedSince { get; init; }
    /// <summary>true: open jobs only; false: closed ones only; null: both.</summary>
    public bool? Open { get; init; } = true;
    public JobSort Sort { get; init; } = JobSort.PostedAt;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

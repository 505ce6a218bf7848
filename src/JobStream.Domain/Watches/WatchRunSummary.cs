namespace JobStream.Domain.Watches;

/// <summary>What one run of a watch found: counts of changes, and the domains it could not read.</summary>
public sealed record WatchRunSummary
{
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int Domains { get; init; }
    public int Opened { get; init; }
    public int Changed { get; init; }
    public int Closed { get; init; }
    /// <summary>Jobs open after the run, in every domain of the watch (filters aside).</summary>
    public int Open { get; init; }
    /// <summary>Domains whose source was as last time (a 304, or a sitemap giving the same dates): nothing more was read and nothing changed.</summary>
    public int Unchanged { get; init; }
    public IReadOnlyList<WatchRunError> Errors { get; init; } = [];
}

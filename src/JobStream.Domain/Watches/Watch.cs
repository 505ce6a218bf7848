namespace JobStream.Domain.Watches;

/// <summary>A user's standing order: scrape these domains every <see cref="Every"/> and tell me what changed.</summary>
public sealed record Watch
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required TimeSpan Every { get; init; }
    public WatchFilters Filters { get; init; } = WatchFilters.None;
    public bool Paused { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the watch is next due; a paused watch keeps its place and runs when resumed.</summary>
    public required DateTimeOffset NextRunAt { get; init; }
    /// <summary>The last run that finished; null before the first.</summary>
    public WatchRunSummary? LastRun { get; init; }
    /// <summary>Where its change events are POSTed, signed; null when nowhere.</summary>
    public string? WebhookUrl { get; init; }
    /// <summary>Jobs of the watch open now (seen and not closed).</summary>
    public int OpenJobs { get; init; }

    public static string NewId() => "w_" + Guid.NewGuid().ToString("N")[..20];
}

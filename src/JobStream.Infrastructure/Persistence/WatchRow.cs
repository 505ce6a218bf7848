namespace JobStream.Infrastructure.Persistence;

/// <summary>A row of <c>watches</c>: the watch, its schedule and the claim of the instance running it.</summary>
public sealed class WatchRow
{
    public required string Id { get; set; }
    public required string Owner { get; set; }
    /// <summary>JSON array of the domains.</summary>
    public required string Domains { get; set; }
    public long EverySeconds { get; set; }
    /// <summary>JSON of the filters.</summary>
    public required string Filters { get; set; }
    public bool Paused { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextRunAt { get; set; }
    /// <summary>Asked to run now (or its last run was given up unfinished): runs at the next look, paused or not.</summary>
    public bool RunRequested { get; set; }
    public string? LeaseToken { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>JSON of the last finished run's summary.</summary>
    public string? LastRun { get; set; }
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    /// <summary>The id of the last change event the webhook took (2xx).</summary>
    public long WebhookCursor { get; set; }
    public int WebhookFailures { get; set; }
    public DateTimeOffset? WebhookRetryAt { get; set; }
    public string? WebhookLeaseToken { get; set; }
    public DateTimeOffset? WebhookLeaseUntil { get; set; }
}

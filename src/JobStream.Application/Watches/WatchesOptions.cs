using System.ComponentModel.DataAnnotations;

namespace JobStream.Application.Watches;

/// <summary>Watches and their runs, bound from the "Watches" section.</summary>
public sealed class WatchesOptions
{
    public const string SectionName = "Watches";

    /// <summary>The shortest period a watch may have ("every"), in seconds: what a site is asked at most.</summary>
    [Range(1, 86_400 * 7)]
    public int MinimumEverySeconds { get; set; } = 900;

    /// <summary>Most watches one user may have.</summary>
    [Range(1, 100_000)]
    public int MaxWatchesPerUser { get; set; } = 100;

    /// <summary>Most domains one watch may name.</summary>
    [Range(1, 10_000)]
    public int MaxDomainsPerWatch { get; set; } = 500;

    /// <summary>How often each instance looks for due watches, in seconds (a run asked for on this instance starts at once).</summary>
    [Range(0.05, 3600)]
    public double PollSeconds { get; set; } = 5;

    /// <summary>How long a claimed run is held before another instance may take it over; renewed while it runs.</summary>
    [Range(2, 86_400)]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Watches one instance runs at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Successful runs in a row that must miss a job before it is closed.</summary>
    [Range(1, 100)]
    public int CloseAfterMissedRuns { get; set; } = 2;

    /// <summary>How often each instance reads the change feed for changes other instances wrote, in milliseconds.</summary>
    [Range(20, 60_000)]
    public int FeedPollMilliseconds { get; set; } = 1000;

    /// <summary>Change events older than this are deleted; a client away longer is told what it missed is gone.</summary>
    [Range(1, 3650)]
    public int FeedRetentionDays { get; set; } = 30;

    /// <summary>The wait before a failed webhook delivery is tried again, in seconds; it doubles with each failure in a row, up to an hour.</summary>
    [Range(0.01, 3600)]
    public double WebhookRetrySeconds { get; set; } = 10;

    /// <summary>How long a webhook receiver has to answer, in seconds.</summary>
    [Range(1, 120)]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Apply the database migrations when the service starts (otherwise: <c>dotnet ef database update</c>, docs/watches.md).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public TimeSpan MinimumEvery => TimeSpan.FromSeconds(MinimumEverySeconds);

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}

using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>A watch as the API shows it: its period as written ("1h"), its state, its last run and where its changes stream.</summary>
public sealed record WatchView
{
    public required string Id { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required string Every { get; init; }
    public required WatchFilters Filters { get; init; }
    public required bool Paused { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset NextRunAt { get; init; }
    public WatchRunSummary? LastRun { get; init; }
    public int OpenJobs { get; init; }
    public string? WebhookUrl { get; init; }
    public required string StreamUrl { get; init; }
    public required string JobsUrl { get; init; }

    public static WatchView Of(Watch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return new WatchView
        {
            Id = watch.Id,
            Domains = watch.Domains,
            Every = WatchPeriod.Format(watch.Every),
            Filters = watch.Filters,
            Paused = watch.Paused,
            CreatedAt = watch.CreatedAt,
            NextRunAt = watch.NextRunAt,
            LastRun = watch.LastRun,
            OpenJobs = watch.OpenJobs,
            WebhookUrl = watch.WebhookUrl,
            StreamUrl = $"/api/v1/watches/{watch.Id}/stream",
            JobsUrl = $"/api/v1/watches/{watch.Id}/jobs",
        };
    }
}

using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Watches;
using JobStream.Domain.Jobs;
using JobStream.Domain.Watches;

namespace JobStream.Infrastructure.Persistence;

/// <summary>Rows to the domain's records and back; JSON columns in the service's one JSON shape.</summary>
internal static class RowMapping
{
    public static Watch ToWatch(this WatchRow row, int openJobs = 0) => new()
    {
        Id = row.Id,
        Owner = row.Owner,
        Domains = JsonSerializer.Deserialize<List<string>>(row.Domains, JsonDefaults.Options) ?? [],
        Every = TimeSpan.FromSeconds(row.EverySeconds),
        Filters = JsonSerializer.Deserialize<WatchFilters>(row.Filters, JsonDefaults.Options) ?? WatchFilters.None,
        Paused = row.Paused,
        CreatedAt = row.CreatedAt,
        NextRunAt = row.NextRunAt,
        LastRun = row.LastRun is null ? null : JsonSerializer.Deserialize<WatchRunSummary>(row.LastRun, JsonDefaults.Options),
        OpenJobs = openJobs,
        WebhookUrl = row.WebhookUrl,
    };

    public static WatchRow ToRow(this Watch watch) => new()
    {
        Id = watch.Id,
        Owner = watch.Owner,
        Domains = JsonSerializer.Serialize(watch.Domains, JsonDefaults.Options),
        EverySeconds = (long)watch.Every.TotalSeconds,
        Filters = JsonSerializer.Serialize(watch.Filters, JsonDefaults.Options),
        Paused = watch.Paused,
        CreatedAt = watch.CreatedAt.ToUniversalTime(),
        NextRunAt = watch.NextRunAt.ToUniversalTime(),
        RunRequested = false,
    };

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonDefaults.Options);

    public static TrackedJob ToTracked(this JobRow row) => new()
    {
        Identity = row.Identity,
        Domain = row.Domain,
        Job = ReadJob(row.Data),
        ContentHash = row.ContentHash,
        FirstSeen = row.FirstSeen,
        LastSeen = row.LastSeen,
        ClosedAt = row.ClosedAt,
        MissedRuns = row.MissedRuns,
    };

    public static StoredJob ToStored(this JobRow row) => StoredJob.Of(row.WatchId, row.ToTracked());

    /// <summary>Writes a tracked job's state into its row (a new row where <paramref name="row"/> is null).</summary>
    public static JobRow Write(this TrackedJob tracked, Watch watch, JobRow? row)
    {
        var job = tracked.Job;
        row ??= new JobRow
        {
            WatchId = watch.Id, Owner = watch.Owner, Domain = tracked.Domain, Identity = tracked.Identity,
            Company = "", Title = "", Summary = "", Location = "", LocationType = "", Department = "", Seniority = "",
            EmploymentType = "", ContentHash = "", Data = "",
        };
        row.Identity = tracked.Identity; // a job kept by its URL goes by the ATS's id once a read gives it
        row.Domain = tracked.Domain;
        row.Company = job.Company;
        row.Title = job.Title;
        row.Summary = job.Summary;
        row.Location = job.Location;
        row.LocationType = job.LocationType.ToString().ToLowerInvariant();
        row.Department = job.Department ?? ""; // the columns filter searches: "" where the source says none
        row.Seniority = job.Seniority;
        row.EmploymentType = job.EmploymentType ?? "";
        row.PostedAt = job.PostedAt?.ToUniversalTime();
        row.SortAt = (job.PostedAt ?? tracked.FirstSeen).ToUniversalTime();
        row.ContentHash = tracked.ContentHash;
        row.FirstSeen = tracked.FirstSeen.ToUniversalTime();
        row.LastSeen = tracked.LastSeen.ToUniversalTime();
        row.ClosedAt = tracked.ClosedAt?.ToUniversalTime();
        row.MissedRuns = tracked.MissedRuns;
        row.Data = Json(job);
        return row;
    }

    public static FeedEntry ToEntry(this FeedRow row) =>
        new(row.Id, row.WatchId, row.Owner, row.Event, JsonSerializer.Deserialize<JsonPayload>(row.Data, JsonDefaults.Options)!, row.At);

    private static Job ReadJob(string json) =>
        JsonSerializer.Deserialize<Job>(json, JsonDefaults.Options) ?? throw new InvalidDataException("A stored job's data is not a job.");
}

using JobStream.Domain.Jobs;

namespace JobStream.Domain.Scraping;

/// <summary>The outcome of scraping one domain: its jobs, or why there are none.</summary>
public sealed record ScrapeResult
{
    /// <summary>The domain exactly as the client sent it, so clients can match results to requests.</summary>
    public required string Domain { get; init; }
    public required ScrapeStatus Status { get; init; }
    public IReadOnlyList<Job> Jobs { get; init; } = [];
    public string? Error { get; init; }

    /// <summary>
    /// Set when a domain's jobs are too many for one event: this event's place among the result's
    /// <see cref="Parts"/>, from 1. Each part carries some of the jobs; together they carry them all.
    /// </summary>
    public int? Part { get; init; }

    public int? Parts { get; init; }

    /// <summary>What the result leaves out, and why (a job too large for any event); null when nothing.</summary>
    public string? Warning { get; init; }

    public static ScrapeResult Success(string domain, IReadOnlyList<Job> jobs) =>
        new() { Domain = domain, Status = ScrapeStatus.Success, Jobs = jobs };

    public static ScrapeResult Failure(string domain, string error) =>
        new() { Domain = domain, Status = ScrapeStatus.Error, Error = error };
}

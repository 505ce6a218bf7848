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

    /// <summary>
    /// What the result leaves out, and why: a board or page the scrape relied on that could not be read,
    /// a job too large for any event. Null when nothing is left out.
    /// </summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    public static ScrapeResult Success(string domain, IReadOnlyList<Job> jobs) =>
        new() { Domain = domain, Status = ScrapeStatus.Success, Jobs = jobs };

    /// <summary>
    /// A site's outcome from what was read and what could not be: success when nothing failed;
    /// partial, with the warnings, when something failed and jobs came from the rest; an error, saying
    /// what failed, when nothing gave a job, so "this company has no openings" is never what a
    /// failure reads as.
    /// </summary>
    public static ScrapeResult Of(string domain, IReadOnlyList<Job> jobs, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count == 0)
        {
            return Success(domain, jobs);
        }
        return jobs.Count > 0
            ? new() { Domain = domain, Status = ScrapeStatus.Partial, Jobs = jobs, Warnings = warnings }
            : new() { Domain = domain, Status = ScrapeStatus.Error, Error = string.Join("; ", warnings), Warnings = warnings };
    }

    /// <summary>The result with one more warning; a successful one becomes partial.</summary>
    public ScrapeResult Warn(string warning) => this with
    {
        Status = Status == ScrapeStatus.Success ? ScrapeStatus.Partial : Status,
        Warnings = (Warnings ?? []).Append(warning).ToList(),
    };

    public static ScrapeResult Failure(string domain, string error) =>
        new() { Domain = domain, Status = ScrapeStatus.Error, Error = error };
}

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

    public static ScrapeResult Success(string domain, IReadOnlyList<Job> jobs) =>
        new() { Domain = domain, Status = ScrapeStatus.Success, Jobs = jobs };

    public static ScrapeResult Failure(string domain, string error) =>
        new() { Domain = domain, Status = ScrapeStatus.Error, Error = error };
}

using System.Security.Cryptography;

namespace JobStream.Application.Scraping.ScrapeJobs;

/// <summary>
/// A queued scrape. Its events go to the connection, or to every /events client when there is none. A job
/// of several domains is queued as parts of one domain each (<see cref="Split"/>), which any worker of any
/// instance may take; <see cref="Part"/> says which domain of how many a part is.
/// </summary>
public sealed record ScrapeJob(string JobId, IReadOnlyList<string> Domains, string? ConnectionId, ScrapeJobPart? Part = null)
{
    public static ScrapeJob New(IReadOnlyList<string> domains, string? connectionId) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), domains, connectionId);

    /// <summary>A job of one domain is run as it is; one of several is split first.</summary>
    public bool RunsWhole => Part is not null || Domains.Count <= 1;

    /// <summary>This job's part: the one domain it names, as part 0 of 1 where it was never split.</summary>
    public ScrapeJobPart PartOrWhole => Part ?? new ScrapeJobPart(0, 1);

    /// <summary>What the queue holds for this job: itself where it runs whole, else its parts.</summary>
    public IReadOnlyList<ScrapeJob> Parts() => RunsWhole ? [this] : Split();

    /// <summary>One part per domain, in order.</summary>
    public IReadOnlyList<ScrapeJob> Split() =>
        [.. Domains.Select((domain, index) => this with { Domains = [domain], Part = new ScrapeJobPart(index, Domains.Count) })];
}

/// <summary>The <paramref name="Index"/>-th domain of a job of <paramref name="Of"/>.</summary>
public sealed record ScrapeJobPart(int Index, int Of);

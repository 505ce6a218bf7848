using JobStream.Domain.Jobs;

namespace JobStream.Infrastructure.Scraping.Extraction;

/// <summary>
/// A job as an extractor found it: only what the source states, with null for what it does not.
/// Enrichment turns it into a <see cref="Job"/>.
/// </summary>
public sealed record JobCandidate
{
    public required string Title { get; init; }
    public required string Url { get; init; }
    public required ExtractionSource Source { get; init; }
    public required string SourcePage { get; init; }
    public string? Company { get; init; }
    public string? Summary { get; init; }
    public string? Location { get; init; }
    public string? Department { get; init; }
    /// <summary>The source's own employment type label(s), e.g. "FULL_TIME" or "Part-time".</summary>
    public IReadOnlyList<string> EmploymentTypes { get; init; } = [];
    /// <summary>Remote, hybrid or onsite where the source says so in a structured field; null where it does not.</summary>
    public LocationType? StatedLocationType { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    /// <summary>The pay as the source states it ("EUR 60000–80000 per year"); null where it does not.</summary>
    public string? Salary { get; init; }
    /// <summary>
    /// The ATS's own id of the posting: as its answer gives it when a provider parses it, and scoped to its
    /// board ("greenhouse:stripe:8172503") once <see cref="Ats.AtsBoardReader"/> has read the board. Null
    /// where the source is no ATS or gives no id.
    /// </summary>
    public string? AtsId { get; init; }
    /// <summary>
    /// The source gave all it has on the job (an ATS's JSON or XML API): its own page would add nothing,
    /// so it is not read. An ATS's HTML list is not complete.
    /// </summary>
    public bool Complete { get; init; }
}

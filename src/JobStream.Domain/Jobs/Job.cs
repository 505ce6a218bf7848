namespace JobStream.Domain.Jobs;

/// <summary>One open position, with the field names of the seed's job object.</summary>
public sealed record Job
{
    public required string Company { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public string Summary { get; init; } = "";
    public string Location { get; init; } = "";
    public string Role { get; init; } = "";
    /// <summary>0–100: how well the job matches the configured profile; <see cref="Signals"/> say why.</summary>
    public int Score { get; init; }
    public IReadOnlyList<string> Signals { get; init; } = [];
    public LocationType LocationType { get; init; } = LocationType.Onsite;
    public bool IsContract { get; init; }
    /// <summary>The department the source states, or the one the title names unambiguously; null when neither says.</summary>
    public string? Department { get; init; }
    public string Seniority { get; init; } = "";
    /// <summary>full_time, part_time, contract, temporary, internship, volunteer, other; null when the source does not say.</summary>
    public string? EmploymentType { get; init; }
    /// <summary>The pay where the source states it ("EUR 60000–80000 per year"), else null.</summary>
    public string? Salary { get; init; }
    /// <summary>When the job was posted, or when it was found where the page gives no date.</summary>
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>When the job was posted, where the source states it; null where it does not.</summary>
    public DateTimeOffset? PostedAt { get; init; }
    public string SourcePage { get; init; } = "";
    /// <summary>The ATS's own id of the posting, scoped to its board ("greenhouse:stripe:8172503"); null where the job was not read from an ATS's answer or it gives none.</summary>
    public string? AtsId { get; init; }
    public ExtractionSource ExtractionSource { get; init; }
    public CompanyHealth? CompanyHealth { get; init; }
}

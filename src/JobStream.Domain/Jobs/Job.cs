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
    public string Department { get; init; } = "";
    public string Seniority { get; init; } = "";
    public string EmploymentType { get; init; } = "";
    /// <summary>The pay where the source states it ("EUR 60000–80000 per year"), else "".</summary>
    public string Salary { get; init; } = "";
    /// <summary>When the job was posted, or when it was found where the page gives no date.</summary>
    public DateTimeOffset Timestamp { get; init; }
    /// <summary>When the job was posted, where the source states it; null where it does not.</summary>
    public DateTimeOffset? PostedAt { get; init; }
    public string SourcePage { get; init; } = "";
    public ExtractionSource ExtractionSource { get; init; }
    public CompanyHealth? CompanyHealth { get; init; }
}

using NpgsqlTypes;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// A row of <c>jobs</c>: one job of one watch. The searchable fields are columns; <see cref="Data"/> is the
/// whole job object as JSON. <see cref="SortAt"/> is when it was posted, or first seen where no date is stated.
/// </summary>
public sealed class JobRow
{
    public long Id { get; set; }
    public required string WatchId { get; set; }
    public required string Owner { get; set; }
    public required string Domain { get; set; }
    public required string Identity { get; set; }
    public required string Company { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string Location { get; set; }
    public required string LocationType { get; set; }
    public required string Department { get; set; }
    public required string Seniority { get; set; }
    public required string EmploymentType { get; set; }
    public DateTimeOffset? PostedAt { get; set; }
    public DateTimeOffset SortAt { get; set; }
    public required string ContentHash { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int MissedRuns { get; set; }
    public required string Data { get; set; }
    /// <summary>PostgreSQL only: title and summary, indexed for full-text search (SQLite has its jobs_fts table).</summary>
    public NpgsqlTsVector? SearchVector { get; set; }
}

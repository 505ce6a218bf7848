namespace JobStream.Infrastructure.Persistence;

/// <summary>A row of <c>watch_events</c>: one change event, its id rising in the order events were written.</summary>
public sealed class FeedRow
{
    public long Id { get; set; }
    public required string WatchId { get; set; }
    public required string Owner { get; set; }
    public required string Event { get; set; }
    public required string Data { get; set; }
    public DateTimeOffset At { get; set; }
}

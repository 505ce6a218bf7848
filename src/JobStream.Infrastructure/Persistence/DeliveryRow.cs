namespace JobStream.Infrastructure.Persistence;

/// <summary>A row of <c>webhook_deliveries</c>: one attempt to deliver one change event to a watch's webhook.</summary>
public sealed class DeliveryRow
{
    public long Id { get; set; }
    public required string WatchId { get; set; }
    public long EventId { get; set; }
    public required string Event { get; set; }
    public DateTimeOffset At { get; set; }
    public bool Delivered { get; set; }
    public int? Status { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? RetryAt { get; set; }
}

namespace JobStream.Application.Telemetry;

/// <summary>Jobs waiting or running unacknowledged, and the age of the oldest of them.</summary>
public sealed record JobQueueSnapshot(long Waiting, TimeSpan OldestAge)
{
    public static readonly JobQueueSnapshot Empty = new(0, TimeSpan.Zero);
}

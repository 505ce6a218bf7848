namespace JobStream.Application.Streaming;

/// <summary>
/// Not an event: tells the stream's writer to send <see cref="Beat"/> every <see cref="Interval"/>, from
/// then on and also while events flow (the /events feed's heartbeat, seed 003); a heartbeat counts as a
/// keepalive, and keepalive comments still come between heartbeats further apart than the keepalive. The
/// writer already keeps one alarm per stream for its keepalives; a stream that beats through it holds no
/// clock, alarm or iterator of its own for as long as it stays open.
/// </summary>
public abstract record Heartbeats(TimeSpan Interval) : StreamItem((string?)null)
{
    /// <summary>The heartbeat event, made when it is due.</summary>
    public abstract StreamItem Beat();
}

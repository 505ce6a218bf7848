using System.ComponentModel.DataAnnotations;

namespace JobStream.Application.Streaming;

/// <summary>Limits of the stream hub, bound from "Hub".</summary>
public sealed class HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Events queued for one subscriber before it counts as too slow and is disconnected.</summary>
    [Range(16, 1_000_000)]
    public int SubscriberQueueCapacity { get; set; } = 1024;

    /// <summary>Events kept per connection for late joiners and Last-Event-ID resumption.</summary>
    [Range(0, 100_000)]
    public int HistoryLength { get; set; } = 500;

    /// <summary>How long a connection (its owner and history) is remembered after its last event.</summary>
    [Range(60, 7 * 24 * 3600)]
    public int ConnectionTtlSeconds { get; set; } = 3600;

    /// <summary>How long a user's latest progress is kept.</summary>
    [Range(60, 30 * 24 * 3600)]
    public int ProgressTtlSeconds { get; set; } = 24 * 3600;

    /// <summary>How long a client's EventSource waits before it reconnects after a dropped connection (every stream's first <c>retry:</c>).</summary>
    [Range(100, 60_000)]
    public int ClientRetryMilliseconds { get; set; } = 3000;

    /// <summary>Published payloads larger than this are dropped (and logged).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;
}

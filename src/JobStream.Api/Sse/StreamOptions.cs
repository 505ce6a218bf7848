using System.ComponentModel.DataAnnotations;

namespace JobStream.Api.Sse;

/// <summary>Wire settings of every SSE stream, bound from "Streams".</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>A ": ping" comment is written after this long without an event, to keep proxies from closing the connection.</summary>
    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>When the instance stops, how long its clients wait before reconnecting (the last event's <c>retry:</c>).</summary>
    [Range(0, 60_000)]
    public int ReconnectAfterMilliseconds { get; set; } = 1000;

    /// <summary>How long a stopping instance waits for its streams and requests to end before it cuts them.</summary>
    [Range(1, 600)]
    public int DrainSeconds { get; set; } = 10;
}

using System.ComponentModel.DataAnnotations;

namespace JobStream.Api.Sse;

/// <summary>Wire settings of every SSE stream, bound from "Streams".</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>A ": ping" comment is written after this long without an event, to keep proxies from closing the connection.</summary>
    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 15;
}

using System.ComponentModel.DataAnnotations;

namespace JobStream.Application.Streaming.Events;

/// <summary>The /events stream, bound from "Events" (seed 003's name).</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    [Range(1, 3600)]
    public int PingIntervalSeconds { get; set; } = 5;
}

using JobStream.Application.Scraping;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;

namespace JobStream.Application.Status;

/// <summary>The body of GET /status.</summary>
public sealed record ServerStatus(
    string Status, string Version, DateTimeOffset StartedAt, double UptimeSeconds, long OpenStreams,
    StreamBackplaneStatus Backplane, BrowserStatus Browser, RuntimeStatus Runtime, MetricsSnapshot Metrics);

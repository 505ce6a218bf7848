using JobStream.Application.Scraping;
using JobStream.Application.Streaming;

namespace JobStream.Application.Status;

/// <summary>The body of GET /status.</summary>
public sealed record ServerStatus(
    string Status, string Version, DateTimeOffset StartedAt, double UptimeSeconds, long OpenStreams,
    StreamBackplaneStatus Backplane, BrowserStatus Browser, RuntimeStatus Runtime);

namespace JobStream.Application.Telemetry;

/// <summary>JobStream's counters since the instance started, as /status shows them.</summary>
public sealed record MetricsSnapshot(
    long EventsPublished, long EventsDelivered, long EventsDropped, long SlowClientDisconnects,
    long Resumptions, long HistoryMisses, long ScrapeRuns, long DomainsSucceeded, long DomainsFailed,
    long RenderedPages, long BrowserLaunches);

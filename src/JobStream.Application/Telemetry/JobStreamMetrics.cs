using System.Diagnostics.Metrics;
using System.Text.Json;
using JobStream.Application.Streaming;
using JobStream.Domain.Scraping;

namespace JobStream.Application.Telemetry;

/// <summary>
/// JobStream's own meter ("JobStream"), exported on /metrics as <c>jobstream_…</c> beside ASP.NET Core's,
/// Kestrel's and the runtime's: streams open by kind, events published, delivered and dropped, slow
/// clients, resumptions, scrape runs and domain results, scrape durations, rendered pages and browser
/// launches, the job queue and the backplane. The counters are also kept here as totals, which
/// <c>GET /status</c> reports, so both read the same numbers.
/// </summary>
public sealed class JobStreamMetrics
{
    public const string MeterName = "JobStream";

    /// <summary>The histogram of render phases, tagged <c>phase</c>.</summary>
    public const string RenderPhaseInstrument = "jobstream.browser.render_phase.duration";

    private readonly Counter<long> _published;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _slowClients;
    private readonly Counter<long> _resumptions;
    private readonly Counter<long> _historyMisses;
    private readonly Counter<long> _scrapeRuns;
    private readonly Counter<long> _domainResults;
    private readonly Histogram<double> _scrapeDuration;
    private readonly Counter<long> _renderedPages;
    private readonly Counter<long> _browserLaunches;
    private readonly Histogram<double> _renderPhases;
    private long _publishedTotal;
    private long _deliveredTotal;
    private long _droppedTotal;
    private long _slowClientsTotal;
    private long _resumptionsTotal;
    private long _historyMissesTotal;
    private long _scrapeRunsTotal;
    private long _domainsSucceeded;
    private long _domainsFailed;
    private long _renderedPagesTotal;
    private long _browserLaunchesTotal;

    public JobStreamMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = Meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("jobstream.events.published", "{event}", "Events published to a topic (connection, user progress, broadcast).");
        _delivered = meter.CreateCounter<long>("jobstream.events.delivered", "{event}", "Events written to clients' streams.");
        _dropped = meter.CreateCounter<long>("jobstream.events.dropped", "{event}", "Published payloads refused as malformed or too large.");
        _slowClients = meter.CreateCounter<long>("jobstream.clients.slow_disconnects", "{client}", "Streams ended because the client read too slowly.");
        _resumptions = meter.CreateCounter<long>("jobstream.streams.resumptions", "{stream}", "Streams resumed with Last-Event-ID.");
        _historyMisses = meter.CreateCounter<long>("jobstream.streams.history_misses", "{stream}", "Resumptions from an id older than the kept history.");
        _scrapeRuns = meter.CreateCounter<long>("jobstream.scrape.runs", "{run}", "Scrapes started (one per request or job).");
        _domainResults = meter.CreateCounter<long>("jobstream.scrape.domain_results", "{domain}", "Domains scraped, by status and by how their jobs were found.");
        _scrapeDuration = meter.CreateHistogram<double>("jobstream.scrape.duration", "s", "How long one domain's scrape took.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120] });
        _renderedPages = meter.CreateCounter<long>("jobstream.browser.rendered_pages", "{page}", "Pages rendered in Chromium.");
        _browserLaunches = meter.CreateCounter<long>("jobstream.browser.launches", "{launch}", "Chromium launches (the first, and each restart).");
        _renderPhases = meter.CreateHistogram<double>(RenderPhaseInstrument, "s",
            "Time a rendered page spent in each phase: launch (starting Chromium), queue (waiting for a page slot), context (a new context and page), navigation (to the load event), wait (for the list or the network to settle), extraction (reading the page, its frames and data).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20] });
    }

    /// <summary>The meter, for the gauges that read the hub and the queue (<see cref="JobStreamGauges"/>).</summary>
    public Meter Meter { get; }

    public void Published(StreamTopicKind kind) => Add(_published, ref _publishedTotal, 1, new KeyValuePair<string, object?>("topic", Name(kind)));

    public void Delivered(int count) => Add(_delivered, ref _deliveredTotal, count);

    public void Dropped() => Add(_dropped, ref _droppedTotal, 1);

    public void SlowClientDisconnected() => Add(_slowClients, ref _slowClientsTotal, 1);

    public void Resumed() => Add(_resumptions, ref _resumptionsTotal, 1);

    public void HistoryMissed() => Add(_historyMisses, ref _historyMissesTotal, 1);

    public void ScrapeStarted() => Add(_scrapeRuns, ref _scrapeRunsTotal, 1);

    public void DomainScraped(ScrapeResult result, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(result);
        var success = result.Status != ScrapeStatus.Error; // a partial result read something
        if (success)
        {
            Interlocked.Increment(ref _domainsSucceeded);
        }
        else
        {
            Interlocked.Increment(ref _domainsFailed);
        }
        var source = success && result.Jobs.Count > 0 ? JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Jobs[0].ExtractionSource.ToString()) : "none";
        var status = new KeyValuePair<string, object?>("status", JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Status.ToString()));
        _domainResults.Add(1, status, new("extraction_source", source));
        _scrapeDuration.Record(duration.TotalSeconds, status);
    }

    public void PageRendered() => Add(_renderedPages, ref _renderedPagesTotal, 1);

    public void BrowserLaunched() => Add(_browserLaunches, ref _browserLaunchesTotal, 1);

    /// <summary>One phase of rendering a page took <paramref name="duration"/>.</summary>
    public void RenderPhase(string phase, TimeSpan duration) => _renderPhases.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("phase", phase));

    /// <summary>The totals since start, for /status.</summary>
    public MetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref _publishedTotal),
        Interlocked.Read(ref _deliveredTotal),
        Interlocked.Read(ref _droppedTotal),
        Interlocked.Read(ref _slowClientsTotal),
        Interlocked.Read(ref _resumptionsTotal),
        Interlocked.Read(ref _historyMissesTotal),
        Interlocked.Read(ref _scrapeRunsTotal),
        Interlocked.Read(ref _domainsSucceeded),
        Interlocked.Read(ref _domainsFailed),
        Interlocked.Read(ref _renderedPagesTotal),
        Interlocked.Read(ref _browserLaunchesTotal));

    private static void Add(Counter<long> counter, ref long total, long value, params ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Add(ref total, value);
        counter.Add(value, tags);
    }

    internal static string Name(StreamTopicKind kind) => kind switch
    {
        StreamTopicKind.Connection => "connection",
        StreamTopicKind.UserProgress => "progress",
        _ => "broadcast",
    };
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Operations;

public sealed class MetricsTests
{
    [Test]
    public async Task Metrics_move_during_a_scrape_and_status_reads_the_same_counters()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd()]);
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();
        var before = await MetricsAsync(client);

        using var batch = await client.PostAsJsonAsync("/scrape/stream", new { domains = new[] { sites["json-ld"].Url.AbsoluteUri } });
        await batch.Content.ReadAsStringAsync();
        // The exporter caches its answer for a moment: ask until it shows the scrape.
        var after = "";
        await Hub.HubStreamTests.WaitForAsync(async () => Value(after = await MetricsAsync(client), "jobstream_scrape_runs_total") >= 1);
        var status = JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement.GetProperty("metrics");

        Assert.That(Value(before, "jobstream_scrape_runs_total"), Is.Zero);
        Assert.That(Value(after, "jobstream_scrape_runs_total"), Is.EqualTo(1));
        Assert.That(Value(after, """jobstream_scrape_domain_results_total{otel_scope_name="JobStream",extraction_source="json_ld",status="success"}"""), Is.EqualTo(1));
        Assert.That(Value(after, "jobstream_events_delivered_total"), Is.EqualTo(2), "the run's opening (its id and retry) and one result, written to the client");
        Assert.That(after, Does.Contain("jobstream_scrape_duration_seconds_bucket"));
        Assert.That(after, Does.Contain("http_server_request_duration_seconds"), "ASP.NET Core's own meters");
        Assert.That(after, Does.Contain("kestrel_active_connections"), "Kestrel's");
        Assert.That(after, Does.Contain("dotnet_gc_collections_total"), "the runtime's");
        Assert.That(status.GetProperty("scrape_runs").GetInt64(), Is.EqualTo(1));
        Assert.That(status.GetProperty("domains_succeeded").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Readiness_reports_each_check_and_liveness_stays_as_the_seeds_show_it()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(checks.EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "browser", "backplane", "jobs_database", "draining" }));
        Assert.That(await client.GetStringAsync("/health"), Is.EqualTo("""{"status":"ok"}"""));
    }

    [Test]
    public async Task Requests_are_logged_once_each_without_their_query_and_streams_are_not()
    {
        await using var api = new ApiFactory();
        api.StartServer();
        using var client = api.CreateClient();

        using var status = await client.GetAsync("/status?token=secret-in-query");
        using (var events = await client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead))
        {
            await EventStreamReader.Events(await events.Content.ReadAsStreamAsync()).NextAsync();
        }
        await Hub.HubStreamTests.WaitForAsync(async () => (await client.GetStringAsync("/status")).Contains("\"open_streams\":0", StringComparison.Ordinal));
        using var health = await client.GetAsync("/health");
        await Hub.HubStreamTests.WaitForAsync(() => Task.FromResult(api.Logs.Any(line => line.Contains("Path: /health", StringComparison.Ordinal))));

        var requestLines = api.Logs.Where(line => line.Contains("StatusCode:", StringComparison.Ordinal)).ToList();
        Assert.That(requestLines, Has.Some.Contains("Path: /status").And.Some.Contains("Path: /health"));
        Assert.That(requestLines, Has.None.Contains("/events"), "a stream has its own connect and disconnect lines");
        Assert.That(api.Logs, Has.None.Contains("secret-in-query"));
        Assert.That(requestLines.First(line => line.Contains("Path: /status", StringComparison.Ordinal)), Does.Contain("Duration:"));
    }

    private static Task<string> MetricsAsync(HttpClient client) => client.GetStringAsync("/metrics");

    private static double Value(string metrics, string series)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series.Contains('{', StringComparison.Ordinal) ? series : series + "{", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}

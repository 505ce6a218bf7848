using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Hub;

public sealed class ScrapeJobsTests
{
    private FixtureSiteServer _sites = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd(), Corpus.StaticList()]);
        _api = new ApiFactory(
            ("Events:PingIntervalSeconds", "1"),
            ("Scraping:Companies:0", Domain("json-ld")),
            ("Scraping:Companies:1", Domain("static-list")));
        _api.StartServer();
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _sites.DisposeAsync();
    }

    [Test]
    public async Task A_background_job_answers_202_and_its_stream_carries_progress_results_and_completed()
    {
        var token = TestTokens.For("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains = new[] { Domain("json-ld"), Domain("static-list") } }) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var started = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var connectionId = started.GetProperty("connection_id").GetString()!;
        Assert.That(started.GetProperty("stream_url").GetString(), Is.EqualTo($"/api/v1/stream/{connectionId}"));

        // Joined after the job may already have finished: the history replays what was sent.
        await using var stream = await HubClient.ConnectAsync(_client, $"{started.GetProperty("stream_url").GetString()}?token={token}");
        var events = await ReadUntilAsync(stream, "completed");

        Assert.That(events.Select(e => e.EventType).Distinct(), Is.EquivalentTo(new[] { "progress", "result", "completed" }));
        Assert.That(events.Count(e => e.EventType == "result"), Is.EqualTo(2));
        Assert.That(events.Where(e => e.EventType == "progress").Select(e => e.Json().GetProperty("step").GetString()).Distinct(),
            Is.SupersetOf(new[] { "resolving", "fetching", "extracting", "enriching" }));
        Assert.That(events[^1].Json().GetProperty("succeeded").GetInt32(), Is.EqualTo(2));
        Assert.That(events.Select(e => e.EventId), Is.Unique);
    }

    [Test]
    public async Task Starting_a_job_needs_a_token_and_valid_domains()
    {
        using var anonymous = await _client.PostAsJsonAsync("/api/v1/scrape/jobs", new { domains = new[] { "example.com" } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains = new[] { "ftp://x" } }) };
        request.Headers.Authorization = new("Bearer", TestTokens.For("alice"));
        using var invalid = await _client.SendAsync(request);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await invalid.Content.ReadAsStringAsync(), Does.Contain("domains[0]"));
    }

    [Test]
    public async Task The_trigger_stream_sends_granular_progress_then_results_then_completed()
    {
        using var response = await _client.GetAsync($"/api/v1/scraping/trigger/stream?domains={Uri.EscapeDataString(Domain("json-ld"))}", HttpCompletionOption.ResponseHeadersRead);
        var events = await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).ToEndAsync();

        Assert.That(events[^1].EventType, Is.EqualTo("completed"));
        Assert.That(events.Count(e => e.EventType == "result"), Is.EqualTo(1));
        var progress = events.Where(e => e.EventType == "progress").Select(e => e.Json()).ToList();
        Assert.That(progress.Select(p => p.GetProperty("step").GetString()).First(), Is.EqualTo("resolving"));
        Assert.That(progress.Select(p => p.GetProperty("step").GetString()).Last(), Is.EqualTo("enriching"));
        Assert.That(progress.All(p => p.GetProperty("total").GetInt32() == 1), Is.True);
        Assert.That(events.FindIndex(e => e.EventType == "result"), Is.GreaterThan(events.FindLastIndex(e => e.EventType == "progress")));
    }

    [Test]
    public async Task The_trigger_stream_without_domains_scrapes_the_configured_companies()
    {
        using var response = await _client.GetAsync("/api/v1/scraping/trigger/stream", HttpCompletionOption.ResponseHeadersRead);
        var events = await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).ToEndAsync();

        Assert.That(events[^1].Json().GetProperty("total").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Events_starts_connected_beats_and_carries_a_runs_progress_and_for_an_admin_the_scraper_logs()
    {
        using var response = await _client.GetAsync($"/events?token={TestTokens.Admin()}", HttpCompletionOption.ResponseHeadersRead);
        var events = EventStreamReader.Events(await response.Content.ReadAsStreamAsync());
        Assert.That((await events.NextAsync()).Json().GetProperty("event").GetString(), Is.EqualTo("connected"));

        using var run = await RunAsync(TestTokens.Admin());
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var seen = new List<JsonElement>();
        while (!seen.Any(e => e.GetProperty("event").GetString() == "completed")
               || !seen.Any(e => e.GetProperty("event").GetString() == "heartbeat"))
        {
            seen.Add((await events.NextAsync()).Json());
        }
        var names = seen.Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.That(names, Does.Contain("progress").And.Contain("result").And.Contain("log"));
        Assert.That(seen.Where(e => e.GetProperty("event").GetString() == "log").Select(e => e.GetProperty("data").GetProperty("message").GetString()),
            Has.Some.StartsWith("[STREAM] Finished"));
        Assert.That(seen.All(e => DateTimeOffset.TryParse(e.GetProperty("timestamp").GetString(), out _)), Is.True);
    }

    [Test]
    public async Task An_anonymous_events_client_gets_a_runs_progress_but_no_scraper_log_lines()
    {
        using var response = await _client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        var events = EventStreamReader.Events(await response.Content.ReadAsStreamAsync());
        await events.NextAsync(); // connected

        using var run = await RunAsync(TestTokens.Admin());
        var seen = new List<string?>();
        while (!seen.Contains("completed"))
        {
            seen.Add((await events.NextAsync()).Json().GetProperty("event").GetString());
        }

        Assert.That(seen, Does.Contain("progress").And.Contain("result"));
        Assert.That(seen, Has.None.EqualTo("log"), "log lines name other callers' domains");
    }

    [TestCase(null, HttpStatusCode.Unauthorized)]
    [TestCase("user", HttpStatusCode.Forbidden)]
    public async Task Run_and_the_connection_counts_need_an_admin_outside_development(string? who, HttpStatusCode expected)
    {
        var token = who is null ? null : TestTokens.For("alice");
        using var run = await RunAsync(token);
        using var counts = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sse/connections/status");
        if (token is not null)
        {
            counts.Headers.Authorization = new("Bearer", token);
        }
        using var status = await _client.SendAsync(counts);

        Assert.That(run.StatusCode, Is.EqualTo(expected));
        Assert.That(status.StatusCode, Is.EqualTo(expected));
        Assert.That(run.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
    }

    private async Task<HttpResponseMessage> RunAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/run");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return await _client.SendAsync(request);
    }

    internal static async Task<List<System.Net.ServerSentEvents.SseItem<string>>> ReadUntilAsync(HubClient stream, string lastEvent)
    {
        var events = new List<System.Net.ServerSentEvents.SseItem<string>>();
        do
        {
            events.Add(await stream.NextAsync());
        }
        while (events[^1].EventType != lastEvent);
        return events;
    }

    private string Domain(string site) => _sites[site].Url.AbsoluteUri.TrimEnd('/');
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Scrape;

public sealed class ScrapeStreamTests
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = new ApiFactory();
        _api.StartServer();
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task The_first_result_arrives_while_a_slow_domain_is_still_pending()
    {
        var slow = new FixtureSite("slow") { Gate = new TaskCompletionSource() }.WithPage("/", Corpus.JsonLd().Pages["/careers"].Body);
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("fast"), slow]);

        using var response = await PostStreamAsync(sites["fast"].Url, slow.Url);
        await using var body = await response.Content.ReadAsStreamAsync();
        var events = EventStreamReader.Events(body);

        var first = await events.NextAsync();
        Assert.That(first.Json().GetProperty("domain").GetString(), Is.EqualTo(Domain(sites["fast"])));
        Assert.That(first.Json().GetProperty("status").GetString(), Is.EqualTo("success"));
        Assert.That(slow.Gate!.Task.IsCompleted, Is.False, "the slow site answered before the first event was read");
        Assert.That(slow.Requests, Is.Not.Empty, "the slow site was not being scraped concurrently");

        slow.Gate.SetResult();
        var second = await events.NextAsync();
        Assert.That(second.Json().GetProperty("domain").GetString(), Is.EqualTo(Domain(slow)));
        Assert.That(await events.ToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task Every_domain_gets_exactly_one_event_and_a_failure_stays_its_own()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd(), Corpus.StaticList(), Corpus.Failing(), Corpus.Empty()]);
        var urls = new[] { "json-ld", "static-list", "failing", "empty" }.Select(name => sites[name].Url).ToArray();

        using var response = await PostStreamAsync(urls);
        await using var body = await response.Content.ReadAsStreamAsync();
        var events = await EventStreamReader.Events(body).ToEndAsync();

        var results = events.Select(e => e.Json()).ToDictionary(r => r.GetProperty("domain").GetString()!);
        Assert.That(results.Keys, Is.EquivalentTo(urls.Select(u => u.AbsoluteUri.TrimEnd('/'))));
        Assert.That(events.Select(e => e.EventType), Is.All.EqualTo("message"), "scrape results are unnamed data events");
        Assert.Multiple(() =>
        {
            Assert.That(results[Domain(sites["json-ld"])].GetProperty("jobs").GetArrayLength(), Is.EqualTo(2));
            Assert.That(results[Domain(sites["static-list"])].GetProperty("jobs").GetArrayLength(), Is.EqualTo(3));
            Assert.That(results[Domain(sites["empty"])].GetProperty("status").GetString(), Is.EqualTo("success"));
            Assert.That(results[Domain(sites["failing"])].GetProperty("status").GetString(), Is.EqualTo("error"));
            Assert.That(results[Domain(sites["failing"])].GetProperty("error").GetString(), Is.Not.Empty);
            Assert.That(results[Domain(sites["json-ld"])].TryGetProperty("error", out _), Is.False, "error is left out on success");
        });
    }

    [Test]
    public async Task A_job_carries_every_field_of_the_seeds_job_object_in_snake_case()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd()]);

        using var response = await PostStreamAsync(sites["json-ld"].Url);
        await using var body = await response.Content.ReadAsStreamAsync();
        var result = (await EventStreamReader.Events(body).NextAsync()).Json();

        var job = result.GetProperty("jobs")[0];
        var fields = job.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EquivalentTo(new[]
        {
            "company", "title", "url", "summary", "location", "role", "score", "signals", "location_type", "is_contract",
            "department", "seniority", "employment_type", "salary", "timestamp", "posted_at", "source_page", "extraction_source", "company_health",
        }), "posted_at: the JobPosting states its datePosted");
        Assert.That(job.GetProperty("location_type").GetString(), Is.AnyOf("remote", "hybrid", "onsite"));
        Assert.That(DateTimeOffset.TryParse(job.GetProperty("timestamp").GetString(), out _), Is.True);
    }

    [Test]
    public async Task The_stream_has_the_sse_headers_and_no_compression()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.Empty()]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scrape/stream") { Content = JsonContent.Create(new { domains = new[] { sites["empty"].Url } }) };
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(response.Headers.CacheControl!.NoCache, Is.True);
        Assert.That(response.Headers.GetValues("X-Accel-Buffering"), Is.EqualTo(new[] { "no" }));
        Assert.That(response.Content.Headers.ContentEncoding, Is.Empty.Or.EqualTo(new[] { "identity" }));
    }

    [Test]
    public async Task A_keepalive_comment_is_written_while_a_domain_is_pending()
    {
        var slow = new FixtureSite("held") { Gate = new TaskCompletionSource() };
        await using var sites = await FixtureSiteServer.StartAsync([slow]);

        using var response = await PostStreamAsync(slow.Url);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The run's opening comes at once: its id and retry, no data.
        Assert.That(await reader.ReadLineAsync(), Does.StartWith("id: ").And.EndWith("/0-0"));
        Assert.That(await reader.ReadLineAsync(), Is.EqualTo("retry: 3000"));
        Assert.That(await reader.ReadLineAsync(), Is.Empty);
        // The API is configured with a one-second keepalive; the parser hides comments, so read lines.
        var line = await reader.ReadLineAsync().WaitAsync(EventStreamReader.Patience);
        Assert.That(line, Is.EqualTo(": ping"));
        slow.Gate!.SetResult();
    }

    [Test]
    public async Task Disconnecting_cancels_the_scrape_of_pending_domains()
    {
        var slow = new FixtureSite("abandoned") { Gate = new TaskCompletionSource() };
        await using var sites = await FixtureSiteServer.StartAsync([slow]);

        var response = await PostStreamAsync(slow.Url);
        await slow.FirstRequest.Task.WaitAsync(EventStreamReader.Patience);
        response.Dispose(); // the client goes away

        await slow.RequestAborted.Task.WaitAsync(EventStreamReader.Patience);
        Assert.That(slow.RequestAborted.Task.IsCompletedSuccessfully, Is.True, "the scraper kept waiting on a site nobody wants");
    }

    [Test]
    public async Task Get_for_event_source_is_a_run_with_ids_that_ends_with_a_named_completed_event()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd(), Corpus.Failing()]);
        var query = $"/scrape/stream?domains={Uri.EscapeDataString(Domain(sites["json-ld"]))},{Uri.EscapeDataString(Domain(sites["failing"]))}";

        using var response = await _client.GetAsync(query, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var events = await EventStreamReader.Events(body).ToEndAsync();

        Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "run", "message", "message", "completed" }));
        var runId = events[0].Json().GetProperty("run_id").GetString();
        Assert.That(events[0].ReconnectionInterval, Is.EqualTo(TimeSpan.FromSeconds(3)), "the first event tells EventSource when to come back");
        Assert.That(events.Select(e => e.EventId), Is.All.StartsWith(runId + "/"));
        Assert.That(events.Select(e => e.EventId), Is.Unique);
        var completed = events[^1].Json();
        Assert.That(completed.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(completed.GetProperty("succeeded").GetInt32(), Is.EqualTo(1));
        Assert.That(completed.GetProperty("failed").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Reconnecting_after_the_last_event_is_a_204_and_nothing_is_scraped_again()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("once")]);
        var query = $"/scrape/stream?domains={Uri.EscapeDataString(Domain(sites["once"]))}";
        using var first = await _client.GetAsync(query, HttpCompletionOption.ResponseHeadersRead);
        var events = await EventStreamReader.Events(await first.Content.ReadAsStreamAsync()).ToEndAsync();
        var requests = sites["once"].Requests.Count;

        using var again = new HttpRequestMessage(HttpMethod.Get, query);
        again.Headers.Add("Last-Event-ID", events[^1].EventId);
        using var reconnect = await _client.SendAsync(again);

        Assert.That(reconnect.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "204 tells EventSource to stop reconnecting");
        Assert.That(sites["once"].Requests, Has.Count.EqualTo(requests), "the site was not scraped a second time");
    }

    [Test]
    public async Task A_connection_cut_mid_run_resumes_the_same_run_with_what_it_missed()
    {
        var gate = new TaskCompletionSource();
        var slow = new FixtureSite("slow-run") { Gate = gate }.WithPage("/", "<html></html>");
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("fast-run"), slow]);
        var query = $"/scrape/stream?domains={Uri.EscapeDataString(Domain(sites["fast-run"]))},{Uri.EscapeDataString(Domain(slow))}";

        string lastSeen;
        string runId;
        using (var cut = await _client.GetAsync(query, HttpCompletionOption.ResponseHeadersRead))
        {
            var events = EventStreamReader.Events(await cut.Content.ReadAsStreamAsync());
            var run = await events.NextAsync();
            runId = run.Json().GetProperty("run_id").GetString()!;
            var fast = await events.NextAsync();
            Assert.That(fast.Json().GetProperty("domain").GetString(), Is.EqualTo(Domain(sites["fast-run"])));
            lastSeen = fast.EventId!;
        }
        var fastRequests = sites["fast-run"].Requests.Count;

        using var again = new HttpRequestMessage(HttpMethod.Get, query);
        again.Headers.Add("Last-Event-ID", lastSeen);
        using var resumed = await _client.SendAsync(again, HttpCompletionOption.ResponseHeadersRead);
        var rest = EventStreamReader.Events(await resumed.Content.ReadAsStreamAsync());
        var hello = (await rest.NextAsync()).Json();
        gate.SetResult();
        var remaining = await rest.ToEndAsync();

        Assert.That(hello.GetProperty("run_id").GetString(), Is.EqualTo(runId));
        Assert.That(hello.GetProperty("resumed").GetBoolean(), Is.True);
        Assert.That(remaining.Select(e => e.EventType), Is.EqualTo(new[] { "message", "completed" }), "the slow domain's result, once, then the end");
        Assert.That(remaining[0].Json().GetProperty("domain").GetString(), Is.EqualTo(Domain(slow)));
        Assert.That(sites["fast-run"].Requests, Has.Count.EqualTo(fastRequests), "nothing was scraped again");
        Assert.That(slow.Requests.Count(path => path == "/"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_post_stream_is_a_run_too_resumed_with_last_event_id_and_204_at_its_end()
    {
        var gate = new TaskCompletionSource();
        var slow = new FixtureSite("slow-post") { Gate = gate }.WithPage("/", "<html></html>");
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("fast-post"), slow]);

        string lastSeen;
        using (var cut = await PostStreamAsync(sites["fast-post"].Url, slow.Url))
        {
            var events = EventStreamReader.Events(await cut.Content.ReadAsStreamAsync());
            var fast = await events.NextAsync();
            Assert.That(fast.EventType, Is.EqualTo("message"), "seed 000's unnamed results, nothing else");
            Assert.That(fast.Json().GetProperty("domain").GetString(), Is.EqualTo(Domain(sites["fast-post"])));
            Assert.That(fast.EventId, Does.Match("^[0-9a-f]{32}/[0-9]+-[0-9]+$"));
            lastSeen = fast.EventId!;
        }
        var fastRequests = sites["fast-post"].Requests.Count;

        using var resumed = await PostStreamAsync([sites["fast-post"].Url, slow.Url], lastSeen);
        var rest = EventStreamReader.Events(await resumed.Content.ReadAsStreamAsync());
        gate.SetResult();
        var remaining = await rest.ToEndAsync();

        Assert.That(remaining.Select(e => e.Json().GetProperty("domain").GetString()), Is.EqualTo(new[] { Domain(slow) }), "the slow domain's result, once");
        Assert.That(sites["fast-post"].Requests, Has.Count.EqualTo(fastRequests), "nothing was scraped again");
        using var end = new HttpRequestMessage(HttpMethod.Post, "/scrape/stream")
        {
            Content = JsonContent.Create(new { domains = new[] { Domain(slow) } }),
        };
        end.Headers.Add("Last-Event-ID", remaining[^1].EventId);
        using var finished = await _client.SendAsync(end);
        Assert.That(finished.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Batch_answers_every_result_at_once_in_request_order()
    {
        var late = new FixtureSite("late") { Gate = new TaskCompletionSource() }.WithPage("/", "<html></html>");
        await using var sites = await FixtureSiteServer.StartAsync([late, Corpus.JsonLd()]);

        var batch = _client.PostAsJsonAsync("/scrape/batch", new { domains = new[] { Domain(late), Domain(sites["json-ld"]) } });
        await sites["json-ld"].FirstRequest.Task.WaitAsync(EventStreamReader.Patience);
        late.Gate!.SetResult();
        using var response = await batch.WaitAsync(EventStreamReader.Patience);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(document.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("domain").GetString()),
            Is.EqualTo(new[] { Domain(late), Domain(sites["json-ld"]) }));
        Assert.That(document.GetProperty("summary").GetProperty("total").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Each_finished_domain_is_logged()
    {
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.Empty("logged")]);

        using var response = await PostStreamAsync(sites["logged"].Url);
        await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).ToEndAsync();

        Assert.That(_api.Logs, Has.Some.EqualTo($"[STREAM] Finished {Domain(sites["logged"])}"));
    }

    [Test]
    public async Task A_loopback_address_outside_the_allow_list_is_an_error_result()
    {
        await using var outside = await FixtureSiteServer.StartAsync([Corpus.JsonLd("outside")], IPAddress.Parse("127.0.0.2"));

        using var response = await PostStreamAsync(outside["outside"].Url);
        var result = (await EventStreamReader.Events(await response.Content.ReadAsStreamAsync()).NextAsync()).Json();

        Assert.That(result.GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(result.GetProperty("error").GetString(), Does.StartWith("blocked"));
        Assert.That(outside["outside"].Requests, Is.Empty);
    }

    private Task<HttpResponseMessage> PostStreamAsync(params Uri[] urls) => PostStreamAsync(urls, lastEventId: null);

    private async Task<HttpResponseMessage> PostStreamAsync(Uri[] urls, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/scrape/stream")
        {
            Content = JsonContent.Create(new { domains = urls.Select(u => u.AbsoluteUri.TrimEnd('/')) }),
        };
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ErrorBody(response));
        return response;
    }

    private static async Task<string> ErrorBody(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();

    private static string Domain(FixtureSite site) => site.Url.AbsoluteUri.TrimEnd('/');
}

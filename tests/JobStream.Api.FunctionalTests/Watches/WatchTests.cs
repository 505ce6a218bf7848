using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Watches;

/// <summary>
/// Watches end to end on the real service, on each job database: a site whose jobs change between runs,
/// the change events it gives, an instance restart, a failed run, and a client that comes back later.
/// </summary>
[TestFixtureSource(typeof(TestJobDatabase), nameof(TestJobDatabase.Providers))]
public sealed class WatchTests(string provider)
{
    internal static readonly (string Key, string? Value)[] FastWatches =
    [
        ("Watches:MinimumEverySeconds", "1"),
        ("Watches:PollSeconds", "0.1"),
        ("Watches:FeedPollMilliseconds", "100"),
        ("Scraping:Http:MaxRetries", "0"),
    ];

    [Test]
    public async Task A_changing_site_gives_each_change_once_a_failed_run_closes_nothing_and_a_client_resumes_after_a_restart()
    {
        await using var database = await TestJobDatabase.CreateAsync(provider);
        var site = new ChangingSite("northwind");
        site.Show(("a", "Data Engineer", "Berlin"), ("b", "Backend Engineer", "Hamburg"), ("c", "Product Manager", "Berlin"), ("d", "QA Engineer", "Munich"));
        await using var sites = await FixtureSiteServer.StartAsync([site.Site]);
        var settings = FastWatches.Append(("ConnectionStrings:Jobs", (string?)database.ConnectionString)).ToArray();

        string watchId;
        string lastSeen;
        await using (var first = new ApiFactory(settings))
        {
            using var client = Client(first, "alice");
            var created = await client.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { site.Domain }, every = "1d" });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            watchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            using var stream = await OpenAsync(client, $"/api/v1/watches/{watchId}/stream", "0");

            var run1 = await UntilFinishedAsync(stream.Events); // the run at creation
            Assert.That(Changes(run1), Is.EquivalentTo(new[] { "job_opened a", "job_opened b", "job_opened c", "job_opened d" }));

            // b edited, c removed, d away for one run, e new.
            site.Show(("a", "Data Engineer", "Berlin"), ("b", "Senior Backend Engineer", "Hamburg"), ("e", "Designer", "Remote"));
            await RunAsync(client, watchId);
            var run2 = await UntilFinishedAsync(stream.Events);
            Assert.That(Changes(run2), Is.EquivalentTo(new[] { "job_changed b", "job_opened e" }));
            var changed = run2.Single(e => e.EventType == "job_changed").Json();
            Assert.That(changed.GetProperty("changed").EnumerateArray().Select(f => f.GetString()), Does.Contain("title"));
            Assert.That(changed.GetProperty("previous").GetProperty("title").GetString(), Is.EqualTo("Backend Engineer"));
            lastSeen = run2[^1].EventId!;
        }

        // A new instance on the same database; the client is away while the next runs happen.
        await using var second = new ApiFactory(settings);
        using (var client = Client(second, "alice"))
        {
            site.Show(("a", "Data Engineer", "Berlin"), ("b", "Senior Backend Engineer", "Hamburg"), ("d", "QA Engineer", "Munich"), ("e", "Designer", "Remote"));
            using (var watcher = await OpenAsync(client, $"/api/v1/watches/{watchId}/stream", null))
            {
                await RunAsync(client, watchId);
                Assert.That(Changes(await UntilFinishedAsync(watcher.Events)), Is.EqualTo(new[] { "job_closed c" }), "c missed twice in a row; d only once");

                site.Fail();
                await RunAsync(client, watchId);
                var failed = await UntilFinishedAsync(watcher.Events);
                Assert.That(Changes(failed), Is.Empty, "a run that could not read the site closes nothing");
                Assert.That(failed[^1].Json().GetProperty("run").GetProperty("errors")[0].GetProperty("domain").GetString(), Is.EqualTo(site.Domain));
            }

            // The client comes back with the last id it saw before the restart: what it missed, once, in order.
            using var resumed = await OpenAsync(client, $"/api/v1/watches/{watchId}/stream", lastSeen);
            var missed = new List<SseItem<string>>();
            while (missed.Count(e => e.EventType == "watch_run") < 4)
            {
                missed.Add(await resumed.Events.NextAsync());
            }
            Assert.That(missed[0].EventType, Is.EqualTo("connected"));
            Assert.That(Changes(missed), Is.EqualTo(new[] { "job_closed c" }));
            Assert.That(missed.Skip(1).Select(e => long.Parse(e.EventId!, System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered.Ascending.And.Unique);
            Assert.That(long.Parse(missed[1].EventId!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(long.Parse(lastSeen, System.Globalization.CultureInfo.InvariantCulture)));

            var watch = await client.GetFromJsonAsync<JsonElement>($"/api/v1/watches/{watchId}");
            Assert.That(watch.GetProperty("open_jobs").GetInt32(), Is.EqualTo(4), "a, b, d, e");
            var open = await client.GetFromJsonAsync<JsonElement>("/api/v1/jobs?q=engineer");
            Assert.That(open.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("job").GetProperty("title").GetString()),
                Is.EquivalentTo(new[] { "Data Engineer", "Senior Backend Engineer", "QA Engineer" }));

            var csv = await client.GetAsync($"/api/v1/watches/{watchId}/jobs?format=csv");
            Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
            var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines[0], Does.StartWith("watch_id,domain,title,"));
            Assert.That(lines, Has.Length.EqualTo(6), "a header and five jobs, c closed among them");
            Assert.That(lines.Count(l => l.EndsWith(",false", StringComparison.Ordinal)), Is.EqualTo(1));
            var json = await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/watches/{watchId}/jobs?open=true");
            Assert.That(json!.Select(j => j.GetProperty("job").GetProperty("title").GetString()), Has.Exactly(4).Items);
            Assert.That(json!.Select(j => j.GetProperty("job").GetProperty("title").GetString()), Has.No.Member("Product Manager"));
        }
    }

    [Test]
    public async Task An_unchanged_site_costs_one_conditional_request_and_a_changed_one_is_read_again()
    {
        var site = new ChangingSite("etags", validators: true);
        site.Show(("a", "Data Engineer", "Berlin"), ("b", "Backend Engineer", "Hamburg"));
        await using var watch = await OneWatch.StartAsync(provider, site.Site);
        Assert.That(Changes(await watch.NextRunAsync()), Has.Count.EqualTo(2));

        site.Site.Requests.Clear();
        var unchanged = await watch.RunAsync();
        Assert.That(Changes(unchanged), Is.Empty);
        Assert.That(Unchanged(unchanged), Is.EqualTo(1));
        Assert.That(site.Site.Requests, Is.EqualTo(new[] { "/careers" }), "one request, and no other");
        Assert.That(site.Site.NotModified, Is.EqualTo(new[] { "/careers" }), "answered 304");

        site.Show(("a", "Data Engineer", "Berlin"));
        site.Site.Requests.Clear();
        Assert.That(Unchanged(await watch.RunAsync()), Is.EqualTo(0), "the page changed: read in full");
        Assert.That(site.Site.Requests.Count(r => r == "/careers"), Is.EqualTo(2), "the conditional request, then the scrape's own");

        Assert.That(Changes(await watch.RunAsync()), Is.EqualTo(new[] { "job_closed b" }), "304s count as runs that miss a job");
    }

    [Test]
    public async Task A_site_whose_sitemap_dates_every_job_page_costs_one_request_while_those_dates_stand()
    {
        var site = new SitemapSite("contoso");
        site.Show(("a", "Data Engineer", "2026-11-01"), ("b", "Backend Engineer", "2026-11-02"));
        await using var watch = await OneWatch.StartAsync(provider, site.Site);
        Assert.That(Changes(await watch.NextRunAsync()), Is.EquivalentTo(new[] { "job_opened a", "job_opened b" }));
        Assert.That(site.Site.Requests, Does.Contain("/careers/jobs/a"), "each job's page was read");

        site.Site.Requests.Clear();
        site.Show(("a", "Data Engineer", "2026-11-01"), ("b", "Backend Engineer", "2026-11-02")); // only /about's date moves
        var unchanged = await watch.RunAsync();
        Assert.That(Changes(unchanged), Is.Empty);
        Assert.That(Unchanged(unchanged), Is.EqualTo(1));
        Assert.That(site.Site.Requests, Is.EqualTo(new[] { "/sitemap.xml" }), "one request, and no other");

        // b's page edited and dated anew (the list is as it was), c added: read in full.
        site.Show(("a", "Data Engineer", "2026-11-01"), ("b", "Backend Engineer", "2026-12-01"), ("c", "Product Designer", "2026-12-01"));
        var changed = await watch.RunAsync();
        Assert.That(Changes(changed), Is.EquivalentTo(new[] { "job_changed b", "job_opened c" }));
        Assert.That(changed.Single(e => e.EventType == "job_changed").Json().GetProperty("changed").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "summary" }));

        // A job page the sitemap does not date: the sitemap cannot stand for the jobs, and every run reads them.
        site.Show(("a", "Data Engineer", "2026-11-01"), ("b", "Backend Engineer", "2026-12-01"), ("c", "Product Designer", null));
        await watch.RunAsync();
        site.Site.Requests.Clear();
        Assert.That(Unchanged(await watch.RunAsync()), Is.EqualTo(0));
        Assert.That(site.Site.Requests, Does.Contain("/careers").And.Contain("/careers/jobs/c"));
    }

    [Test]
    public async Task A_list_that_answers_304_does_not_stand_for_the_job_pages_read_beside_it()
    {
        var site = new SitemapSite("fabrikam", validators: true);
        site.Show(("a", "Data Engineer", "2026-11-01"), ("b", "Backend Engineer", "2026-11-02"));
        site.DropSitemap();
        await using var watch = await OneWatch.StartAsync(provider, site.Site);
        Assert.That(Changes(await watch.NextRunAsync()), Has.Count.EqualTo(2));

        // Only b's own page changes; the list would answer 304.
        site.Show(("a", "Data Engineer", "2026-11-01"), ("b", "Backend Engineer", "2026-12-01"));
        site.DropSitemap();
        var run = await watch.RunAsync();
        Assert.That(Changes(run), Is.EqualTo(new[] { "job_changed b" }));
        Assert.That(Unchanged(run), Is.EqualTo(0));
    }

    [Test]
    public async Task A_watch_runs_when_it_falls_due_not_at_the_next_poll()
    {
        var site = new ChangingSite("punctual");
        site.Show(("a", "Data Engineer", "Berlin"));
        await using var watch = await OneWatch.StartAsync(provider, site.Site, every: "2s", ("Watches:PollSeconds", "120"));

        await watch.NextRunAsync(); // the run at creation, woken by it
        var second = await watch.NextRunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(second[0].Json().GetProperty("phase").GetString(), Is.EqualTo("started"), "due 2 s after the first, with the poll at 120 s");
    }

    [Test]
    public async Task Two_instances_on_one_database_run_each_watch_once_per_period()
    {
        await using var database = await TestJobDatabase.CreateAsync(provider);
        var site = new ChangingSite("shared");
        site.Show(("a", "Data Engineer", "Berlin"));
        await using var sites = await FixtureSiteServer.StartAsync([site.Site]);
        var settings = FastWatches.Append(("ConnectionStrings:Jobs", (string?)database.ConnectionString)).ToArray();
        await using var one = new ApiFactory(settings);
        await using var two = new ApiFactory(settings);
        using var client = Client(one, "alice");
        using var other = Client(two, "alice");
        var ids = new List<string>();
        var createdAt = new Dictionary<string, DateTimeOffset>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var created = await (await client.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { site.Domain }, every = "2s" })).Content.ReadFromJsonAsync<JsonElement>();
            ids.Add(created.GetProperty("id").GetString()!);
            createdAt[ids[^1]] = created.GetProperty("created_at").GetDateTimeOffset();
        }
        using var stream = await OpenAsync(other, "/api/v1/watches/stream", "0");

        // Both instances look for due watches ten times a second for about four periods.
        var started = new List<(string Watch, DateTimeOffset At)>();
        var finished = 0;
        async Task ReadAsync(Func<bool> more)
        {
            while (more())
            {
                var next = await stream.Events.NextAsync();
                if (next.EventType != "watch_run")
                {
                    continue;
                }
                var run = next.Json();
                if (run.GetProperty("phase").GetString() == "finished")
                {
                    finished++;
                }
                else
                {
                    started.Add((run.GetProperty("watch_id").GetString()!, run.GetProperty("run").GetProperty("started_at").GetDateTimeOffset()));
                }
            }
        }
        var until = DateTimeOffset.UtcNow.AddSeconds(8);
        await ReadAsync(() => DateTimeOffset.UtcNow < until);
        foreach (var id in ids)
        {
            await client.PostAsync($"/api/v1/watches/{id}/pause", null);
        }
        // Every run started has finished, and none is still under way: a run claimed just before the pause may
        // ask the site before its `started` event is read (under load, well after the pause), so a request
        // without its run yet means one more event to come.
        int Requests() => site.Site.Requests.Count(r => r.Contains("/careers", StringComparison.Ordinal));
        await ReadAsync(() => finished < started.Count || Requests() > started.Count);

        foreach (var id in ids)
        {
            var runs = started.Where(s => s.Watch == id).Select(s => s.At).Order().ToList();
            Assert.That(runs, Has.Count.InRange(3, 6), $"{id} ran {runs.Count} times in about 8 s at a period of 2 s");
            // Due at creation and every 2 s after: one run in each period at most.
            var periods = runs.Select(r => (r - createdAt[id]).Ticks / TimeSpan.FromSeconds(2).Ticks).ToList();
            Assert.That(periods, Is.Unique, $"{id} ran twice within one period: {string.Join(", ", runs.Select(r => r.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}");
        }
        Assert.That(Requests(), Is.EqualTo(started.Count), "each run asked the site once for its careers page");
    }

    [Test]
    public async Task A_user_sees_and_changes_only_their_own_watches_and_bad_input_names_the_field()
    {
        await using var database = await TestJobDatabase.CreateAsync(provider);
        await using var api = new ApiFactory(FastWatches.Append(("ConnectionStrings:Jobs", (string?)database.ConnectionString)).Append(("Watches:MinimumEverySeconds", (string?)"600")).ToArray());
        using var alice = Client(api, "alice");
        using var bob = Client(api, "bob");
        var created = await alice.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { "https://acme.example" }, every = "2h", filters = new { keywords = new[] { "data" }, location_type = "remote" } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        Assert.That((await bob.GetAsync($"/api/v1/watches/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await bob.PostAsync($"/api/v1/watches/{id}/pause", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await bob.DeleteAsync($"/api/v1/watches/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await bob.GetAsync($"/api/v1/watches/{id}/stream")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await bob.GetAsync($"/api/v1/watches/{id}/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await bob.GetFromJsonAsync<JsonElement[]>("/api/v1/watches"), Is.Empty);

        var paused = await (await alice.PostAsync($"/api/v1/watches/{id}/pause", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(paused.GetProperty("paused").GetBoolean(), Is.True);
        Assert.That(paused.GetProperty("every").GetString(), Is.EqualTo("2h"));
        Assert.That(paused.GetProperty("filters").GetProperty("location_type").GetString(), Is.EqualTo("remote"));
        var resumed = await (await alice.PostAsync($"/api/v1/watches/{id}/resume", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(resumed.GetProperty("paused").GetBoolean(), Is.False);

        var tooOften = await alice.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { "https://acme.example" }, every = "5m" });
        Assert.That(tooOften.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooOften.Content.ReadAsStringAsync(), Does.Contain("\"every\"").And.Contain("10m"));
        var noDomains = await alice.PostAsJsonAsync("/api/v1/watches", new { every = "1h" });
        Assert.That(await noDomains.Content.ReadAsStringAsync(), Does.Contain("\"domains\""));
        var badSearch = await alice.GetAsync("/api/v1/jobs?page_size=100000&open=maybe");
        Assert.That(badSearch.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badSearch.Content.ReadAsStringAsync(), Does.Contain("open"));
        var badResume = await alice.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/watches/{id}/stream") { Headers = { { "Last-Event-ID", "abc" } } });
        Assert.That(badResume.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        Assert.That((await alice.DeleteAsync($"/api/v1/watches/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await alice.GetAsync($"/api/v1/watches/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    internal static HttpClient Client(ApiFactory api, string user)
    {
        api.StartServer();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(user));
        return client;
    }

    internal static async Task RunAsync(HttpClient client, string watchId)
    {
        var run = await client.PostAsync($"/api/v1/watches/{watchId}/run", null);
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    internal static async Task<OpenStream> OpenAsync(HttpClient client, string path, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var events = EventStreamReader.Events(await response.Content.ReadAsStreamAsync());
        if (lastEventId is null)
        {
            Assert.That((await events.NextAsync()).EventType, Is.EqualTo("connected"));
        }
        return new OpenStream(response, events);
    }

    // The events of one run, from its watch_run started to its watch_run finished.
    internal static async Task<List<SseItem<string>>> UntilFinishedAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        var run = new List<SseItem<string>>();
        while (true)
        {
            var next = await events.NextAsync();
            if (next.EventType is "connected")
            {
                continue;
            }
            run.Add(next);
            if (next.EventType == "watch_run" && next.Json().GetProperty("phase").GetString() == "finished")
            {
                return run;
            }
        }
    }

    // How many domains of a run were as last time, from its watch_run finished.
    internal static int Unchanged(List<SseItem<string>> run) => run[^1].Json().GetProperty("run").GetProperty("unchanged").GetInt32();

    // "job_opened a": each change event's name and the job's slug.
    internal static List<string> Changes(IEnumerable<SseItem<string>> events) =>
        events.Where(e => e.EventType.StartsWith("job_", StringComparison.Ordinal))
            .Select(e => $"{e.EventType} {e.Json().GetProperty("job").GetProperty("identity").GetString()!.Split('/')[^1]}")
            .ToList();

    internal sealed class OpenStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) : IDisposable
    {
        public IAsyncEnumerator<SseItem<string>> Events { get; } = events;

        public void Dispose() => response.Dispose();
    }
}

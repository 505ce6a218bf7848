using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// 1,000 watches, one loopback career site each, every minute for ten minutes on one instance (issue #20;
/// docs/benchmarks.md, "Watches at scale"). The watches are created over the first minute, as a real
/// population's due times are spread. A third of the sites answer with ETags (one page of JSON-LD), a third
/// date their list and job pages in a sitemap, a third give neither; one in ten retitles a job every minute
/// (and dates it anew), one in forty answers 500. Measured: how late each run starts after it was due (the schedule's
/// own rule), requests per run of each kind of unchanged site, the instance's CPU per run and peak resident
/// memory, and the database's size.
/// </summary>
internal static class WatchesAtScale
{
    private const int Users = 10;
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    public static async Task RunAsync(string repository, bool quick, bool postgres)
    {
        var count = quick ? 200 : 1_000;
        var length = quick ? TimeSpan.FromMinutes(3) : TimeSpan.FromMinutes(10);
        const int concurrentRuns = 16;
        var sites = Enumerable.Range(0, count).Select(i => new WatchedSite(i)).ToList();
        var servers = new List<FixtureSiteServer>();
        for (var a = 0; a < ScaleSites.Addresses; a++)
        {
            servers.Add(await FixtureSiteServer.StartAsync(sites.Where(s => s.Index % ScaleSites.Addresses == a).Select(s => s.Site), IPAddress.Parse($"127.0.0.{a + 1}"), keepAlive: TimeSpan.FromSeconds(2)));
        }
        await using var database = await TestJobDatabase.CreateAsync(postgres ? "postgres" : "sqlite");
        Console.WriteLine();
        Console.WriteLine($"## Watches at scale: {count:N0} watches of one loopback site each, every {Every.TotalSeconds:0} s for {length.TotalMinutes:0} minutes, one instance on {(postgres ? "PostgreSQL" : "SQLite")}, Watches:MaxConcurrentRuns {concurrentRuns}");
        try
        {
            await using var api = await ServerProcess.StartApiAsync(repository, new Dictionary<string, string>
            {
                ["ConnectionStrings__Jobs"] = database.ConnectionString,
                ["Scraping__Http__AllowedNetworks__0"] = "127.0.0.0/8",
                ["Scraping__Http__AllowAnyPort"] = "true",
                ["Watches__MinimumEverySeconds"] = ((int)Every.TotalSeconds).ToString(CultureInfo.InvariantCulture),
                ["Watches__MaxConcurrentRuns"] = concurrentRuns.ToString(CultureInfo.InvariantCulture),
                ["Limits__ScrapeStartsPerMinute"] = "100000",
            });
            await MeasureAsync(api, sites, length, database);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task MeasureAsync(ServerProcess api, List<WatchedSite> sites, TimeSpan length, TestJobDatabase database)
    {
        var clients = Enumerable.Range(0, Users).Select(u =>
        {
            var client = new HttpClient { BaseAddress = api.Address, Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchmarkTokens.For($"watcher{u}"));
            return client;
        }).ToList();
        var runs = new ConcurrentDictionary<string, ConcurrentQueue<(string Phase, DateTimeOffset At)>>();
        var afterFirstRun = new ConcurrentDictionary<string, int>(); // each site's request count when its first run was recorded
        var watchOf = new ConcurrentDictionary<string, WatchedSite>();
        var changes = 0;
        using var stop = new CancellationTokenSource();
        var readers = clients.Select(client => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/watches/stream");
            request.Headers.Add("Last-Event-ID", "0");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
            try
            {
                await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(stop.Token)).EnumerateAsync(stop.Token))
                {
                    if (item.EventType.StartsWith("job_", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref changes);
                    }
                    if (item.EventType != "watch_run")
                    {
                        continue;
                    }
                    var data = JsonDocument.Parse(item.Data).RootElement;
                    var id = data.GetProperty("watch_id").GetString()!;
                    var phase = data.GetProperty("phase").GetString()!;
                    var run = data.GetProperty("run");
                    var at = run.GetProperty(phase == "started" ? "started_at" : "finished_at").GetDateTimeOffset();
                    var list = runs.GetOrAdd(id, _ => new());
                    if (phase == "finished" && !list.Any(r => r.Phase == "finished") && watchOf.TryGetValue(id, out var site))
                    {
                        afterFirstRun[id] = site.Site.Requests.Count;
                    }
                    list.Enqueue((phase, at));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        })).ToList();

        var cpuBefore = api.CpuTime;
        var peak = api.ResidentBytes;
        var started = Stopwatch.GetTimestamp();
        var sampler = Task.Run(async () =>
        {
            var minute = 1;
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, api.ResidentBytes);
                if (Stopwatch.GetElapsedTime(started) >= Every * minute)
                {
                    minute++;
                    foreach (var site in sites.Where(s => s.Changes))
                    {
                        site.Show(minute);
                    }
                }
                await Task.Delay(500, CancellationToken.None);
            }
        });

        // Created over the first period, evenly, so that due times are spread as a real population's are.
        var created = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < sites.Count; i++)
        {
            var due = Every * i / sites.Count;
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var answer = await clients[i % Users].PostAsJsonAsync("/api/v1/watches", new { domains = new[] { sites[i].Site.Url.AbsoluteUri.TrimEnd('/') }, every = $"{Every.TotalSeconds:0}s" });
            if (answer.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"creating watch {i}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
            var watch = await answer.Content.ReadFromJsonAsync<JsonElement>();
            var id = watch.GetProperty("id").GetString()!;
            created[id] = watch.GetProperty("created_at").GetDateTimeOffset();
            watchOf[id] = sites[i];
        }

        var left = length - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = api.CpuTime - cpuBefore;
        var requests = sites.ToDictionary(s => s, s => s.Site.Requests.Count);
        var runsSnapshot = runs.ToDictionary(r => r.Key, r => r.Value.ToList());
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        await sampler;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        // Lateness by the schedule's rule: due at creation, then one period after it was due, or one period
        // after the run ended where it ended later than that.
        var lateness = new List<double>();
        var finishedRuns = 0;
        foreach (var (id, phases) in runsSnapshot)
        {
            var due = created[id];
            var starts = phases.Where(e => e.Phase == "started").Select(e => e.At).ToList();
            var ends = phases.Where(e => e.Phase == "finished").Select(e => e.At).ToList();
            finishedRuns += ends.Count;
            for (var k = 0; k < starts.Count; k++)
            {
                lateness.Add(Math.Max(0, (starts[k] - due).TotalSeconds));
                if (k < ends.Count)
                {
                    var next = due + Every;
                    due = next > ends[k] ? next : ends[k] + Every;
                }
            }
        }
        lateness.Sort();
        double At(double share) => lateness.Count == 0 ? 0 : lateness[Math.Min(lateness.Count - 1, (int)(lateness.Count * share))];
        Console.WriteLine(FormattableString.Invariant(
            $"  {lateness.Count:N0} runs started ({finishedRuns:N0} finished, {lateness.Count / (double)created.Count:0.0} per watch) in {wall.TotalMinutes:0.0} min; {changes:N0} change events"));
        Console.WriteLine(FormattableString.Invariant(
            $"  lateness after due: p50 {At(0.5):0.00} s, p95 {At(0.95):0.00} s, p99 {At(0.99):0.00} s, max {(lateness.Count == 0 ? 0 : lateness[^1]):0.00} s"));

        Console.WriteLine("  | site kind | sites | runs after the first | requests per run |");
        Console.WriteLine("  |---|---|---|---|");
        foreach (var kind in sites.Where(s => !s.Changes && s.Working).GroupBy(s => s.Kind))
        {
            var ids = watchOf.Where(w => w.Value.Kind == kind.Key && !w.Value.Changes && w.Value.Working).Select(w => w.Key).ToList();
            var laterRuns = ids.Sum(id => runsSnapshot.TryGetValue(id, out var e) ? Math.Max(0, e.Count(x => x.Phase == "finished") - 1) : 0);
            var laterRequests = ids.Where(afterFirstRun.ContainsKey).Sum(id => requests[watchOf[id]] - afterFirstRun[id]);
            Console.WriteLine(FormattableString.Invariant($"  | {kind.Key} unchanged | {kind.Count()} | {laterRuns:N0} | {(laterRuns == 0 ? 0 : laterRequests / (double)laterRuns):0.00} |"));
        }
        var changing = watchOf.Where(w => w.Value.Changes).Select(w => w.Key).ToList();
        var changingRuns = changing.Sum(id => runsSnapshot.TryGetValue(id, out var e) ? Math.Max(0, e.Count(x => x.Phase == "finished") - 1) : 0);
        var changingRequests = changing.Where(afterFirstRun.ContainsKey).Sum(id => requests[watchOf[id]] - afterFirstRun[id]);
        Console.WriteLine(FormattableString.Invariant($"  | a job retitled every minute (all kinds) | {changing.Count} | {changingRuns:N0} | {(changingRuns == 0 ? 0 : changingRequests / (double)changingRuns):0.00} |"));

        Console.WriteLine(FormattableString.Invariant(
            $"  instance: CPU {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds / Math.Max(1, finishedRuns):0.0} ms per run, {cpu / wall:0.00} cores on average; peak resident {peak / 1048576.0:0} MiB"));
        var (jobs, events, bytes) = (await DatabaseSize.RowsAsync(database, "jobs"), await DatabaseSize.RowsAsync(database, "watch_events"), await DatabaseSize.BytesAsync(database));
        Console.WriteLine(FormattableString.Invariant(
            $"  database: {jobs:N0} jobs and {events:N0} feed events in {bytes / 1048576.0:0.0} MiB"));
    }

    /// <summary>One watched site: its kind decides how a run can learn that nothing changed.</summary>
    private sealed class WatchedSite
    {
        private static readonly (string Slug, string Title, string Place)[] Jobs =
        [
            ("platform-engineer", "Platform Engineer", "Berlin, Germany"),
            ("product-designer", "Product Designer", "Remote"),
            ("account-executive", "Account Executive", "Austin, TX"),
        ];

        public WatchedSite(int index)
        {
            Index = index;
            Kind = (index % 3) switch { 0 => "ETag", 1 => "dated sitemap", _ => "neither" };
            var spread = index * 7919 % 1000;
            Site = new FixtureSite($"watched{index}") { Delay = TimeSpan.FromMilliseconds(10 + spread * 90 / 1000), Validators = Kind == "ETag" };
            Changes = index % 10 == 9;
            Working = index % 40 != 19;
            if (!Working)
            {
                Site.WithPage("/", new FixturePage("busy", "text/plain", Status: 500));
                return;
            }
            Site.WithPage("/robots.txt", new FixturePage("User-agent: *\nDisallow: /admin\n", "text/plain"))
                .WithPage("/", $"<!doctype html><html><head><title>Company {index}</title></head><body><a href=\"/careers\">Careers</a></body></html>");
            Show(0);
        }

        public int Index { get; }

        public string Kind { get; }

        public FixtureSite Site { get; }

        public bool Changes { get; }

        public bool Working { get; }

        /// <summary>The site as it stands in the given minute: its first job's title (and date) alternates.</summary>
        public void Show(int minute)
        {
            var modified = $"2026-12-01T00:{minute % 60:00}:00Z";
            var shown = Jobs.Take(3).Select((job, i) => i == 0 && minute % 2 == 1 ? job with { Title = "Senior " + job.Title } : job).ToList();
            var description = string.Concat(Enumerable.Repeat("You will work with a small team on what matters. ", 12));
            string Posting((string Slug, string Title, string Place) job) => JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "JobPosting",
                ["title"] = job.Title,
                ["url"] = $"/careers/jobs/{job.Slug}",
                ["datePosted"] = "2026-11-20",
                ["employmentType"] = "FULL_TIME",
                ["hiringOrganization"] = new Dictionary<string, string> { ["@type"] = "Organization", ["name"] = $"Company {Index}" },
                ["jobLocation"] = new Dictionary<string, object> { ["@type"] = "Place", ["address"] = new Dictionary<string, string> { ["@type"] = "PostalAddress", ["addressLocality"] = job.Place } },
                ["description"] = $"<p>{description}</p>",
            });
            if (Kind == "ETag")
            {
                Site.WithPage("/careers", $"<!doctype html><html><body><h1>Open positions</h1>{string.Concat(shown.Select(job => $"<script type=\"application/ld+json\">{Posting(job)}</script>"))}</body></html>");
                return;
            }
            Site.WithPage("/careers", $"<!doctype html><html><body><h1>Open positions</h1><ul>{string.Concat(shown.Select(job => $"<li><a href=\"/careers/jobs/{job.Slug}\">{job.Title}</a></li>"))}</ul></body></html>");
            foreach (var job in shown)
            {
                Site.WithPage($"/careers/jobs/{job.Slug}", $"<!doctype html><html><head><script type=\"application/ld+json\">{Posting(job)}</script></head><body><h1>{job.Title}</h1><p>{description}</p></body></html>");
            }
            if (Kind == "dated sitemap")
            {
                var sitemap = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">");
                sitemap.Append(CultureInfo.InvariantCulture, $"<url><loc>{FixturePage.SiteRoot}/careers</loc><lastmod>{modified}</lastmod></url>");
                foreach (var (job, i) in shown.Select((job, i) => (job, i)))
                {
                    sitemap.Append(CultureInfo.InvariantCulture, $"<url><loc>{FixturePage.SiteRoot}/careers/jobs/{job.Slug}</loc><lastmod>{(i == 0 ? modified : "2026-11-20")}</lastmod></url>");
                }
                Site.WithPage("/sitemap.xml", new FixturePage(sitemap.Append("</urlset>").ToString(), "application/xml"));
            }
        }
    }
}

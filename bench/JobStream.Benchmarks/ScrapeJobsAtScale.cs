using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// One background job of 2,000 loopback fixture sites (each on its own port, answering after 20 to
/// 300 ms, one in twenty answering 500), through one Redis, run by one instance and then by two
/// (docs/benchmarks.md, "Background scraping at scale"): wall time and sites per second, CPU and peak
/// resident memory per instance, and each site's time from its first request to its result event.
/// </summary>
internal static class ScrapeJobsAtScale
{
    public static async Task RunAsync(string repository, bool quick)
    {
        var count = quick ? 400 : 2_000;
        var sites = Enumerable.Range(0, count).Select(i =>
        {
            var delay = TimeSpan.FromMilliseconds(20 + (280 * (i * 7919 % count) / count));
            return i % 20 == 19
                ? new FixtureSite($"failing{i}") { Delay = delay }
                : new FixtureSite($"site{i}") { Delay = delay }.WithPage("/", Corpus.JsonLd().Pages["/careers"]);
        }).ToList();
        await using var server = await FixtureSiteServer.StartAsync(sites);
        Console.WriteLine();
        Console.WriteLine($"Background scraping: one job of {count:N0} loopback sites answering after 20-300 ms (one in twenty fails), Redis, Jobs:MaxConcurrentParts 64");
        foreach (var instances in new[] { 1, 2 })
        {
            await using var redis = await RedisServer.StartAsync();
            var settings = new Dictionary<string, string>
            {
                ["Redis__Configuration"] = redis.Configuration,
                ["Scraping__Http__AllowedNetworks__0"] = "127.0.0.1",
                ["Scraping__Http__AllowAnyPort"] = "true",
                ["Limits__ScrapeStartsPerMinute"] = "100000",
                ["Jobs__MaxConcurrentParts"] = "64",
                ["Hub__HistoryLength"] = "50000",
            };
            var servers = new List<ServerProcess>();
            try
            {
                for (var i = 0; i < instances; i++)
                {
                    servers.Add(await ServerProcess.StartApiAsync(repository, settings));
                }
                await MeasureAsync(sites, servers, instances);
            }
            finally
            {
                foreach (var api in servers)
                {
                    await api.DisposeAsync();
                }
            }
        }
    }

    private static async Task MeasureAsync(List<FixtureSite> sites, List<ServerProcess> servers, int instances)
    {
        using var client = new HttpClient { BaseAddress = servers[0].Address, Timeout = Timeout.InfiniteTimeSpan };
        var token = BenchmarkTokens.For("jobs-at-scale");
        var firstRequests = new ConcurrentDictionary<string, long>();
        var cpuBefore = servers.Select(api => api.CpuTime).ToList();
        var peaks = servers.Select(api => api.ResidentBytes).ToArray();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                for (var i = 0; i < servers.Count; i++)
                {
                    peaks[i] = Math.Max(peaks[i], servers[i].ResidentBytes);
                }
                await Task.Delay(200, CancellationToken.None);
            }
        });
        var started = Stopwatch.GetTimestamp();
        // The sites' first requests of this run: FirstRequest completes once per site, so each run counts from its own start.
        var seenBefore = sites.ToDictionary(site => site.Url.AbsoluteUri, site => site.Requests.Count);
        var watching = Task.Run(async () =>
        {
            while (firstRequests.Count < sites.Count && !sampling.IsCancellationRequested)
            {
                foreach (var site in sites.Where(site => !firstRequests.ContainsKey(site.Url.AbsoluteUri) && site.Requests.Count > seenBefore[site.Url.AbsoluteUri]))
                {
                    firstRequests.TryAdd(site.Url.AbsoluteUri, Stopwatch.GetTimestamp());
                }
                await Task.Delay(20, CancellationToken.None);
            }
        });

        using var response = await ScrapeStreams.StartJobAsync(client, sites.Select(site => site.Url.AbsoluteUri), token);
        var perSite = new List<TimeSpan>();
        var results = 0;
        var failed = 0;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            if (item.EventType == "result")
            {
                var result = JsonDocument.Parse(item.Data).RootElement;
                results++;
                failed += result.GetProperty("status").GetString() == "error" ? 1 : 0;
                var domain = result.GetProperty("domain").GetString()!;
                var key = domain.EndsWith('/') ? domain : domain + "/";
                if (firstRequests.TryGetValue(key, out var first))
                {
                    perSite.Add(Stopwatch.GetElapsedTime(first));
                }
            }
            else if (item.EventType == "completed")
            {
                break;
            }
        }
        var wall = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        await watching;
        var cpu = servers.Select((api, i) => api.CpuTime - cpuBefore[i]).ToList();
        perSite.Sort();
        TimeSpan At(double share) => perSite.Count == 0 ? TimeSpan.Zero : perSite[Math.Min(perSite.Count - 1, (int)(perSite.Count * share))];
        Console.WriteLine(
            $"  {instances} instance{(instances > 1 ? "s" : "")}: {results:N0} results ({failed} failed) in {wall.TotalSeconds:0.0} s = {results / wall.TotalSeconds:0.0} sites/s; " +
            $"CPU {string.Join(" + ", cpu.Select(time => $"{time.TotalSeconds:0.0} s"))} = {cpu.Sum(time => time.TotalMilliseconds) / Math.Max(1, results):0.0} ms per site; " +
            $"peak resident {string.Join(" / ", peaks.Select(bytes => $"{bytes / 1048576.0:0} MiB"))}; time per site p50 {At(0.5).TotalMilliseconds:0} ms, p95 {At(0.95).TotalMilliseconds:0} ms");
    }
}

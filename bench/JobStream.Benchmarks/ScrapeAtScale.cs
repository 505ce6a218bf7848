using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// 1,000 and 10,000 loopback career sites (<see cref="ScaleSites"/>) scraped by the API in Release, its own
/// process, once as one stream (<c>POST /scrape/stream</c>) and once as one background job
/// (<c>POST /api/v1/scrape/jobs</c> through Redis), each on a fresh instance: the whole time against the
/// slowest site alone, CPU and requests per domain, the instance's peak resident memory, and how soon each
/// domain's result arrives after its site answered its last request. At 1,000 domains each row runs again on the
/// same instance, now warm, over as many other sites: a running service has long compiled its hot paths.
/// </summary>
internal static class ScrapeAtScale
{
    // Domains one request (and the instance, and its worker) runs at once: BENCH_CONCURRENCY, else 256, the most a
    // request could run before a request's cap became the instance's (4,096).
    private static readonly int Concurrency = int.Parse(Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "256", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task RunAsync(string repository, bool quick)
    {
        Console.WriteLine();
        Console.WriteLine($"## Scraping at scale: loopback sites on {ScaleSites.Addresses} addresses, one port each (robots.txt, home, careers page, 3 job pages; 1 in 10 answering after 1-2 s, 1 in 20 failing), {Concurrency} domains at once");
        Console.WriteLine("| domains | as | results (errors) | whole time | slowest alone | whole / slowest | domains/s | instance CPU per domain | compiling (JIT): CPU of the instance's, methods | requests per domain | peak resident (before) | result after the site's last answer, p50 / p95 / max | sites first reached after, p50 / last |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var count in quick ? [1_000] : new[] { 1_000, 10_000 })
        {
            await using var sites = await ScaleSites.StartAsync(count);
            foreach (var asJob in new[] { false, true })
            {
                await using var redis = await RedisServer.StartAsync();
                await using var api = await ServerProcess.StartApiAsync(repository, new Dictionary<string, string>
                {
                    ["Redis__Configuration"] = redis.Configuration,
                    ["Scraping__Http__AllowedNetworks__0"] = "127.0.0.0/8",
                    ["Scraping__Http__AllowAnyPort"] = "true",
                    ["Limits__ScrapeStartsPerMinute"] = "100000",
                    ["Scraping__MaxDomainsPerRequest"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Scraping__MaxConcurrentDomains"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Scraping__MaxConcurrentDomainScrapes"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Jobs__MaxConcurrentParts"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Hub__HistoryLength"] = "100000",
                    ["Hub__SubscriberQueueCapacity"] = "100000",
                    ["Limits__MaxRequestBodyBytes"] = "4194304",
                });
                using var client = new HttpClient { BaseAddress = api.Address, Timeout = Timeout.InfiniteTimeSpan };
                var kind = asJob ? "one job" : "one stream";
                await RowAsync(client, api, sites, count, asJob, kind);
                if (count <= 1_000)
                {
                    // The same again on this instance, now warm, over as many other sites: a running service
                    // has compiled its hot paths long before (the fresh instance spends about a third of its CPU
                    // compiling them during its first run).
                    await using var others = await ScaleSites.StartAsync(count);
                    await RowAsync(client, api, others, count, asJob, $"{kind}, again on the same instance (other sites)");
                }
            }
        }
    }

    private static async Task RowAsync(HttpClient client, ServerProcess api, ScaleSites sites, int count, bool asJob, string label)
    {
        // The slowest site alone, the same way (a stream or a job), on this instance: also the
        // warm-up of that path (JIT, pools, the job queue's group).
        var alone = asJob ? await JobAsync(client, [Name(sites.Slowest)]) : await StreamAsync(client, [Name(sites.Slowest)]);
        var slowestAlone = alone.Wall;
        var run = await MeasureAsync(client, api, sites, asJob);
        var byName = sites.Sites.ToDictionary(Name);
        // When the run first reached each site that it reached: the last of these, plus that site's
        // own time, is the whole time, more than the slowest site's.
        var reached = sites.Sites
            .Select(site => site.ArrivedAt.Where(at => at > run.Started).DefaultIfEmpty(0).Min())
            .Where(at => at > 0)
            .Select(at => Stopwatch.GetElapsedTime(run.Started, at).TotalSeconds)
            .Order()
            .ToList();
        var lags = run.Arrivals
            .Select(arrival => (arrival.Value, Site: byName[arrival.Key]))
            .Where(item => item.Site.LastAnsweredAt > run.Started)
            .Select(item => Stopwatch.GetElapsedTime(item.Site.LastAnsweredAt, item.Value).TotalMilliseconds)
            .Order()
            .ToList();
        double At(double share) => lags.Count == 0 ? 0 : lags[Math.Min(lags.Count - 1, (int)(lags.Count * share))];
        Console.WriteLine(FormattableString.Invariant(
            $"| {count:N0} | {label} | {run.Arrivals.Count:N0} ({run.Errors}) | {run.Wall.TotalSeconds:0.0} s | {slowestAlone.TotalSeconds:0.0} s | {run.Wall / slowestAlone:0.00} | {count / run.Wall.TotalSeconds:0} | {run.Cpu.TotalMilliseconds / count:0.0} ms | {run.Compiling.TotalSeconds:0.0} s of {run.Cpu.TotalSeconds:0.0} s, {run.CompiledMethods:N0} | {(double)run.Requests / count:0.0} | {run.PeakBytes / 1048576.0:0} MiB ({run.BeforeBytes / 1048576.0:0}) | {At(0.5):0} / {At(0.95):0} / {(lags.Count == 0 ? 0 : lags[^1]):0} ms | {(reached.Count == 0 ? "-" : FormattableString.Invariant($"{reached[reached.Count / 2]:0.0} / {reached[^1]:0.0} s"))} |"));
    }

    private static string Name(FixtureSite site) => site.Url.AbsoluteUri.TrimEnd('/');

    private sealed record Run(
        long Started, TimeSpan Wall, Dictionary<string, long> Arrivals, int Errors, TimeSpan Cpu, TimeSpan Compiling, long CompiledMethods, int Requests, long PeakBytes, long BeforeBytes);

    private static async Task<Run> MeasureAsync(HttpClient client, ServerProcess api, ScaleSites sites, bool asJob)
    {
        var requestsBefore = sites.Requests;
        var cpuBefore = api.CpuTime;
        var jitBefore = await api.JitAsync();
        var before = api.ResidentBytes;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, api.ResidentBytes);
                await Task.Delay(200, CancellationToken.None);
            }
        });
        var domains = sites.Sites.Select(Name).ToArray();
        var started = Stopwatch.GetTimestamp();
        var read = asJob ? await JobAsync(client, domains) : await StreamAsync(client, domains);
        var wall = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        var cpu = api.CpuTime - cpuBefore;
        var jit = await api.JitAsync();
        return new Run(started, wall, read.Arrivals, read.Errors, cpu, jit.Compiling - jitBefore.Compiling, jit.Methods - jitBefore.Methods, sites.Requests - requestsBefore, peak, before);
    }

    private sealed record Read(TimeSpan Wall, Dictionary<string, long> Arrivals, int Errors);

    private static async Task<Read> StreamAsync(HttpClient client, string[] domains)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await ScrapeStreams.PostStreamAsync(client, domains);
        var read = await ResultsAsync(await response.Content.ReadAsStreamAsync());
        return read with { Wall = Stopwatch.GetElapsedTime(started) };
    }

    private static async Task<Read> JobAsync(HttpClient client, string[] domains)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await ScrapeStreams.StartJobAsync(client, domains, BenchmarkTokens.For("scrape-at-scale"));
        var read = await ResultsAsync(await response.Content.ReadAsStreamAsync());
        return read with { Wall = Stopwatch.GetElapsedTime(started) };
    }

    // Each domain's result as it arrives, until the run's end.
    private static async Task<Read> ResultsAsync(Stream stream)
    {
        var arrivals = new Dictionary<string, long>(StringComparer.Ordinal);
        var errors = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            // A stream's results are unnamed events; a job's are "result" events.
            if (item.EventType is "result" or "message")
            {
                var now = Stopwatch.GetTimestamp();
                using var result = JsonDocument.Parse(item.Data);
                arrivals[result.RootElement.GetProperty("domain").GetString()!.TrimEnd('/')] = now;
                errors += result.RootElement.GetProperty("status").GetString() == "error" ? 1 : 0;
            }
            else if (item.EventType == "completed")
            {
                break;
            }
        }
        return new Read(TimeSpan.Zero, arrivals, errors);
    }
}

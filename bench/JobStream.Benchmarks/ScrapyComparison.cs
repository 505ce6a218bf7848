using System.Diagnostics;
using System.Text.Json;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// JobStream's HTTP path beside Scrapy's (docs/benchmarks.md, "Beside Scrapy"): 1,000 loopback sites
/// (<see cref="ScaleSites"/>, served by a process of their own so that neither crawler pays for them), each
/// crawled from its careers page to the job pages it links to, with the same politeness (robots.txt obeyed,
/// 2 requests at once and 0.1 s between request starts per site) and the same requests at once in all.
/// JobStream's side is its own <see cref="PageFetcher"/> (robots cache, per-site throttle, address policy,
/// retries, AngleSharp parsing) in this process; Scrapy's is <c>bench/scrapy/careers.py</c> under Debian's
/// Python. Nothing is extracted beyond the links to follow and each job page's heading. Pages parsed per
/// second and CPU per page, in turns, twice each.
/// </summary>
internal static class ScrapyComparison
{
    private const int Concurrency = 256;
    private const int WarmUpSites = 16;

    public static async Task RunAsync(string repository, bool quick)
    {
        var count = quick ? 300 : 1_000;
        var python = "/usr/bin/python3";
        var spider = Path.Combine(repository, "bench", "scrapy", "careers.py");
        Console.WriteLine();
        Console.WriteLine($"## Beside Scrapy: {count:N0} sites' careers and job pages, {Concurrency} requests at once, per site 2 at once and 0.1 s apart, robots.txt obeyed");
        Console.WriteLine("| round | crawler | pages parsed (failures) | seconds | pages/s | CPU per page | CPU in all |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var totals = new Dictionary<string, (double Seconds, double Cpu, int Pages)>();
        for (var round = 1; round <= 2; round++)
        {
            foreach (var crawler in new[] { "JobStream", "Scrapy" })
            {
                // Fresh sites for each crawl: nothing is cached or throttled from the one before.
                await using var sites = await SitesProcess.StartAsync(count + WarmUpSites);
                var careers = sites.Urls.Select(url => new Uri(new Uri(url), "/careers")).ToList();
                var (pages, failures, seconds, cpu) = crawler == "JobStream"
                    ? await JobStreamAsync(careers[..WarmUpSites], careers[WarmUpSites..])
                    : await ScrapyAsync(python, spider, careers[WarmUpSites..]);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {round} | {crawler} | {pages:N0} ({failures}) | {seconds:0.0} | {pages / seconds:0} | {cpu * 1000 / pages:0.00} ms | {cpu:0.0} s |"));
                var sum = totals.GetValueOrDefault(crawler);
                totals[crawler] = (sum.Seconds + seconds, sum.Cpu + cpu, sum.Pages + pages);
            }
        }
        var (js, scrapy) = (totals["JobStream"], totals["Scrapy"]);
        Console.WriteLine(FormattableString.Invariant(
            $"JobStream / Scrapy over both rounds: pages per second {js.Pages / js.Seconds / (scrapy.Pages / scrapy.Seconds):0.00}x, pages per CPU second {js.Pages / js.Cpu / (scrapy.Pages / scrapy.Cpu):0.00}x (above 1: JobStream does more)"));
    }

    private static async Task<(int Pages, int Failures, double Seconds, double Cpu)> JobStreamAsync(IReadOnlyList<Uri> warmUp, IReadOnlyList<Uri> careers)
    {
        await using var host = new ScraperHost(("Scraping:Http:AllowedNetworks:0", "127.0.0.0/8"));
        var fetcher = host.Get<PageFetcher>();
        await CrawlAsync(fetcher, warmUp); // compiles the path
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (pages, failures) = await CrawlAsync(fetcher, careers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        return (pages, failures, seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    // Each site's careers page, then its job pages; the per-site throttle inside the fetcher keeps the politeness,
    // and at most Concurrency requests are in flight across all sites.
    private static async Task<(int Pages, int Failures)> CrawlAsync(PageFetcher fetcher, IReadOnlyList<Uri> careers)
    {
        using var inFlight = new SemaphoreSlim(Concurrency);
        var pages = 0;
        var failures = 0;
        async Task<JobStream.Infrastructure.Scraping.Http.FetchedPage?> FetchAsync(Uri url)
        {
            await inFlight.WaitAsync();
            try
            {
                var page = (await fetcher.FetchAsync(url, CancellationToken.None)).Value;
                Interlocked.Increment(ref page is { Document: not null } ? ref pages : ref failures);
                return page;
            }
            finally
            {
                inFlight.Release();
            }
        }
        var headings = 0;
        await Task.WhenAll(careers.Select(async url =>
        {
            if (await FetchAsync(url) is not { Document: { } list })
            {
                return;
            }
            var jobs = list.QuerySelectorAll("a[href]")
                .Select(anchor => anchor.GetAttribute("href")!)
                .Where(href => href.Contains("/careers/jobs/", StringComparison.Ordinal))
                .Select(href => new Uri(url, href));
            await Task.WhenAll(jobs.Select(async job =>
            {
                if (await FetchAsync(job) is { Document: { } page } && page.QuerySelector("h1") is not null)
                {
                    Interlocked.Increment(ref headings);
                }
            }));
        }));
        return (pages, failures);
    }

    private static async Task<(int Pages, int Failures, double Seconds, double Cpu)> ScrapyAsync(string python, string spider, IReadOnlyList<Uri> careers)
    {
        var list = Path.GetTempFileName();
        await File.WriteAllLinesAsync(list, careers.Select(url => url.AbsoluteUri));
        try
        {
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(spider);
            start.ArgumentList.Add(list);
            start.ArgumentList.Add(Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'))
                ?? throw new InvalidOperationException($"Scrapy printed no result (exit {process.ExitCode}): {await errors}");
            var result = JsonDocument.Parse(line).RootElement;
            return (result.GetProperty("pages").GetInt32(), result.GetProperty("failures").GetInt32(), result.GetProperty("seconds").GetDouble(), result.GetProperty("cpu_seconds").GetDouble());
        }
        finally
        {
            File.Delete(list);
        }
    }

    /// <summary>
    /// The scale sites served by this benchmark's own executable in a process of its own
    /// (<c>scale-sites COUNT</c>), which prints each site's root URL and then "ready", and stops when its input closes.
    /// </summary>
    private sealed class SitesProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private SitesProcess(Process process, List<string> urls)
        {
            _process = process;
            Urls = urls;
        }

        public List<string> Urls { get; }

        public static async Task<SitesProcess> StartAsync(int count)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(ScrapyComparison).Assembly.Location);
            start.ArgumentList.Add("scale-sites");
            start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var process = Process.Start(start)!;
            var urls = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is { } line && line != "ready")
            {
                urls.Add(line);
            }
            return new SitesProcess(process, urls);
        }

        public async ValueTask DisposeAsync()
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }

    /// <summary>The <c>scale-sites COUNT</c> mode: serves the sites until standard input closes.</summary>
    public static async Task ServeSitesAsync(int count)
    {
        await using var sites = await ScaleSites.StartAsync(count);
        foreach (var site in sites.Sites)
        {
            Console.WriteLine(site.Url.AbsoluteUri);
        }
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
    }
}

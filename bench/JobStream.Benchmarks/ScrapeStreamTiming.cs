using System.Diagnostics;
using System.Net.ServerSentEvents;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// 50 fixture domains answering after 50 ms to 3 s, streamed through the real API (Release, its own
/// process): the whole stream's wall time over the slowest domain's time alone (target at most 1.2), and
/// the time to the first event over the fastest domain's time alone. Medians of several runs.
/// </summary>
internal static class ScrapeStreamTiming
{
    private const int Domains = 50;

    public static async Task RunAsync(string repository, bool quick)
    {
        var runs = quick ? 1 : 3;
        var sites = Enumerable.Range(0, Domains).Select(i =>
        {
            var delay = TimeSpan.FromMilliseconds(50 + (3000 - 50) * i / (Domains - 1));
            return new FixtureSite($"site{i}") { Delay = delay }.WithPage("/", Corpus.JsonLd().Pages["/careers"]);
        }).ToList();
        await using var server = await FixtureSiteServer.StartAsync(sites);
        await using var api = await ServerProcess.StartApiAsync(repository, new Dictionary<string, string>
        {
            ["Scraping__Http__AllowedNetworks__0"] = "127.0.0.1",
            ["Scraping__Http__AllowAnyPort"] = "true", // the fixture sites listen on loopback ports
            ["Limits__ScrapeStartsPerMinute"] = "100000",
        });
        await MeasureAsync(sites, api, runs);
    }

    private static async Task MeasureAsync(List<FixtureSite> sites, ServerProcess api, int runs)
    {
        using var client = new HttpClient { BaseAddress = api.Address, Timeout = Timeout.InfiniteTimeSpan };

        var all = sites.Select(s => s.Url.AbsoluteUri.TrimEnd('/')).ToArray();
        await StreamAsync(client, [all[0]]); // warm-up: JIT, connection pools, robots cache
        var fastest = Median(await Repeat(runs, () => StreamAsync(client, [all[0]])), r => r.Last);
        var slowest = Median(await Repeat(runs, () => StreamAsync(client, [all[^1]])), r => r.Last);
        var together = await Repeat(runs, () => StreamAsync(client, all));
        var wall = Median(together, r => r.Last);
        var first = Median(together, r => r.First);
        var events = together.Select(r => r.Events).Distinct().Single();

        Console.WriteLine();
        Console.WriteLine($"## Scrape stream, {Domains} domains answering after 50 ms to 3 s ({runs} runs, medians)");
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| events received | {events} of {Domains} | {Domains} |");
        Console.WriteLine($"| slowest domain alone | {slowest.TotalMilliseconds:0} ms | |");
        Console.WriteLine($"| whole stream | {wall.TotalMilliseconds:0} ms | |");
        Console.WriteLine($"| whole stream / slowest alone | {wall / slowest:0.00} | <= 1.2 |");
        Console.WriteLine($"| fastest domain alone | {fastest.TotalMilliseconds:0} ms | |");
        Console.WriteLine($"| first event | {first.TotalMilliseconds:0} ms | |");
        Console.WriteLine($"| first event / fastest alone | {first / fastest:0.00} | |");
    }

    private sealed record Run(TimeSpan First, TimeSpan Last, int Events);

    private static async Task<Run> StreamAsync(HttpClient client, string[] domains)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await ScrapeStreams.PostStreamAsync(client, domains);
        TimeSpan? first = null;
        var count = 0;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            first ??= Stopwatch.GetElapsedTime(started);
            count++;
        }
        return new Run(first ?? TimeSpan.Zero, Stopwatch.GetElapsedTime(started), count);
    }

    private static async Task<List<Run>> Repeat(int times, Func<Task<Run>> run)
    {
        var runs = new List<Run>();
        for (var i = 0; i < times; i++)
        {
            runs.Add(await run());
        }
        return runs;
    }

    private static TimeSpan Median(List<Run> runs, Func<Run, TimeSpan> pick) => runs.Select(pick).Order().ElementAt(runs.Count / 2);
}

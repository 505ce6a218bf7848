using System.Diagnostics;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// Peak memory while 20 script-driven domains are rendered at once through the one shared browser:
/// resident memory of this process plus every Chromium process under it, sampled every 50 ms (an
/// upper bound: pages shared between processes are counted in each).
/// </summary>
internal static class RenderMemory
{
    public static async Task RunAsync(bool quick)
    {
        var count = quick ? 5 : 20;
        var sites = Enumerable.Range(0, count).Select(i => Corpus.ScriptRendered($"app{i}")).ToList();
        await using var server = await FixtureSiteServer.StartAsync(sites);
        await using var host = new ScraperHost();
        var baseline = TreeRss();
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, TreeRss());
                await Task.Delay(50);
            }
        });

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(sites.Select(site => host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None)));
        watch.Stop();
        await stop.CancelAsync();
        await sampler;

        Console.WriteLine();
        Console.WriteLine($"## Rendering {count} script-driven domains through one browser");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| domains with their 2 jobs found | {results.Count(r => r.Jobs.Count == 2)} of {count} |");
        Console.WriteLine($"| wall time | {watch.ElapsedMilliseconds} ms |");
        Console.WriteLine($"| resident memory before (process) | {baseline / 1024 / 1024} MiB |");
        Console.WriteLine($"| peak resident memory (process + Chromium) | {peak / 1024 / 1024} MiB |");
    }

    // Resident bytes of this process and all its descendants, from /proc.
    private static long TreeRss()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }
        var root = Environment.ProcessId;
        long total = 0;
        foreach (var pid in parents.Keys)
        {
            var p = pid;
            while (p != root && parents.TryGetValue(p, out var parent) && parent > 1)
            {
                p = parent;
            }
            if (p == root)
            {
                total += Rss(pid);
            }
        }
        return total;
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

using System.Diagnostics;
using JobStream.TestServers;

namespace JobStream.Benchmarks;

/// <summary>
/// 20 script-driven domains scraped at once through the one shared browser: wall time, the machine's CPU, the
/// renderer's phases, and peak memory of this process plus every Chromium process under it, sampled every
/// 100 ms, both resident (an upper bound: pages shared between processes are counted in each) and proportional
/// (each shared page divided among its sharers). One more such domain is scraped first, alone, as a running
/// service would have done: it launches the browser and compiles the code, and is reported apart.
/// </summary>
internal static class RenderMemory
{
    public static async Task RunAsync(bool quick)
    {
        var count = quick ? 5 : 20;
        var first = Corpus.ScriptRendered("first");
        var sites = Enumerable.Range(0, count).Select(i => Corpus.ScriptRendered($"app{i}")).ToList();
        await using var server = await FixtureSiteServer.StartAsync([first, .. sites]);
        await using var host = new ScraperHost(Settings());
        var baseline = ProcFiles.Tree(Environment.ProcessId).Sum(ProcFiles.Resident);

        using var firstPhases = new RenderPhases();
        var cold = Stopwatch.StartNew();
        var firstResult = await host.Scraper.ScrapeAsync(first.Address, null, CancellationToken.None);
        cold.Stop();
        firstPhases.Dispose();

        long peak = 0;
        long peakProportional = 0;
        (long Live, long Committed) peakManaged = default;
        List<(string Kind, long Resident, long Proportional)> peakByProcess = [];
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Each process read once: the breakdown at the peak adds up to the peak itself.
                var sample = ProcFiles.Tree(Environment.ProcessId)
                    .Select(pid => (Pid: pid, Resident: ProcFiles.Resident(pid), Proportional: ProcFiles.Proportional(pid)))
                    .ToList();
                var resident = sample.Sum(process => process.Resident);
                if (resident > peak)
                {
                    peakManaged = (GC.GetTotalMemory(false), GC.GetGCMemoryInfo().TotalCommittedBytes);
                    peakByProcess = [.. sample.Select(process => (Kind(process.Pid), process.Resident, process.Proportional))];
                }
                peak = Math.Max(peak, resident);
                peakProportional = Math.Max(peakProportional, sample.Sum(process => process.Proportional));
                await Task.Delay(100);
            }
        });

        using var phases = new RenderPhases();
        var busyBefore = ProcFiles.MachineBusySeconds();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(sites.Select(async site =>
        {
            var domain = Stopwatch.StartNew();
            var result = await host.Scraper.ScrapeAsync(site.Address, null, CancellationToken.None);
            phases.Domain(domain.Elapsed);
            return result;
        }));
        watch.Stop();
        var busy = ProcFiles.MachineBusySeconds() - busyBefore;
        await stop.CancelAsync();
        await sampler;

        Console.WriteLine();
        Console.WriteLine($"## Rendering {count} script-driven domains through one browser");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| first domain alone (cold process, browser launched) | {cold.ElapsedMilliseconds} ms, {firstResult.Jobs.Count} jobs; launch {firstPhases.Median("launch")} |");
        Console.WriteLine($"| domains with their 2 jobs found | {results.Count(r => r.Jobs.Count == 2)} of {count} |");
        Console.WriteLine($"| wall time | {watch.ElapsedMilliseconds} ms |");
        Console.WriteLine(FormattableString.Invariant($"| CPU busy, whole machine (all processes, this run's and others') | {busy:0.0} s of {Environment.ProcessorCount * watch.Elapsed.TotalSeconds:0.0} s; {busy / count:0.00} s per domain |"));
        Console.WriteLine($"| resident memory before (process) | {baseline / 1024 / 1024} MiB |");
        Console.WriteLine($"| peak resident memory (process + Chromium) | {peak / 1024 / 1024} MiB |");
        Console.WriteLine($"| peak proportional memory (process + Chromium) | {peakProportional / 1024 / 1024} MiB |");
        Console.WriteLine($"| this process's managed heap at the resident peak | {peakManaged.Live / 1048576} MiB allocated, {peakManaged.Committed / 1048576} MiB committed |");
        phases.Print();

        // What the resident peak is made of: each process's own figures at that sample.
        Console.WriteLine();
        Console.WriteLine("| process at the resident peak | count | resident | proportional |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var kind in peakByProcess.GroupBy(process => process.Kind))
        {
            Console.WriteLine($"| {kind.Key} | {kind.Count()} | {kind.Sum(p => p.Resident) / 1048576} MiB | {kind.Sum(p => p.Proportional) / 1048576} MiB |");
        }
    }

    // Variations to weigh, from the environment: BENCH_BROWSER_ARGS (Chromium switches, space-separated, added to
    // JobStream's) and BENCH_PAGES (pages at once; unset: the renderer's own choice).
    private static (string Key, string Value)[] Settings()
    {
        var switches = (Environment.GetEnvironmentVariable("BENCH_BROWSER_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pages = Environment.GetEnvironmentVariable("BENCH_PAGES");
        (string, string)[] settings =
        [
            .. switches.Select((value, i) => ($"Scraping:Browser:Arguments:{i}", value)),
            .. pages is { Length: > 0 } ? [("Scraping:Browser:MaxConcurrentPages", pages)] : Array.Empty<(string, string)>(),
        ];
        foreach (var (key, value) in settings)
        {
            Console.WriteLine($"{key} = {value}");
        }
        return settings;
    }

    // This process, Playwright's driver, or a Chromium process by its --type (the browser itself has none).
    private static string Kind(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return "this process (scraper and fixture sites)";
        }
        string[] arguments;
        try
        {
            // Chromium rewrites its children's command lines as one string: split on spaces too.
            arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split(['\0', ' '], StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return "gone";
        }
        if (arguments.Length == 0)
        {
            return "gone";
        }
        if (arguments.Any(argument => argument.EndsWith("/node", StringComparison.Ordinal) || argument.EndsWith("cli.js", StringComparison.Ordinal)))
        {
            return "Playwright's driver (Node)";
        }
        var type = arguments.FirstOrDefault(argument => argument.StartsWith("--type=", StringComparison.Ordinal));
        var subtype = arguments.FirstOrDefault(argument => argument.StartsWith("--utility-sub-type=", StringComparison.Ordinal));
        return type is null ? (arguments[0].EndsWith("/sh", StringComparison.Ordinal) ? "launcher script" : "Chromium: browser") : $"Chromium: {type["--type=".Length..]}{(subtype is null ? "" : " " + subtype["--utility-sub-type=".Length..])}";
    }
}

/// <summary>
/// The renderer's own phase histogram (<see cref="JobStream.Application.Telemetry.JobStreamMetrics.RenderPhaseInstrument"/>),
/// listened to in this process: per phase, how many pages passed through it, the time summed over pages, the median and the most.
/// </summary>
internal sealed class RenderPhases : IDisposable
{
    private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
    private readonly Dictionary<string, List<double>> _seconds = [];

    public RenderPhases()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == JobStream.Application.Telemetry.JobStreamMetrics.RenderPhaseInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "phase")
                {
                    Add((string)tag.Value!, value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>A domain's whole scrape (its HTTP requests, the render and the job pages) took this long.</summary>
    public void Domain(TimeSpan elapsed) => Add("whole domain", elapsed.TotalSeconds);

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| phase | pages | summed over pages | median | max |");
        Console.WriteLine("|---|---|---|---|---|");
        lock (_seconds)
        {
            foreach (var name in new[] { "queue", "context", "navigation", "wait", "extraction", "close", "whole domain" })
            {
                if (_seconds.TryGetValue(name, out var values) && values.Count > 0)
                {
                    values.Sort();
                    Console.WriteLine(FormattableString.Invariant(
                        $"| {name} | {values.Count} | {values.Sum():0.00} s | {values[values.Count / 2] * 1000:0} ms | {values[^1] * 1000:0} ms |"));
                }
            }
        }
    }

    /// <summary>The median of a phase, as printed.</summary>
    public string Median(string name)
    {
        lock (_seconds)
        {
            return _seconds.TryGetValue(name, out var values) && values.Count > 0
                ? FormattableString.Invariant($"{values.Order().ElementAt(values.Count / 2) * 1000:0} ms")
                : "none";
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string name, double seconds)
    {
        lock (_seconds)
        {
            if (!_seconds.TryGetValue(name, out var values))
            {
                _seconds[name] = values = [];
            }
            values.Add(seconds);
        }
    }
}

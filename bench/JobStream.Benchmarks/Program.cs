using JobStream.Benchmarks;
using JobStream.TestServers;

// bench/run.sh [quality|scrape|render|all] [--quick]
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var quick = args.Contains("--quick");
var repository = Repository.Root();

Console.WriteLine($"JobStream benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? ", quick mode" : "")}");
if (scenario is "quality" or "all")
{
    await ExtractionQuality.RunAsync();
}
if (scenario is "scrape" or "all")
{
    await ScrapeStreamTiming.RunAsync(repository, quick);
}
if (scenario is "render" or "all")
{
    await RenderMemory.RunAsync(quick);
}

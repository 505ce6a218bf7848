using JobStream.Benchmarks;
using JobStream.Benchmarks.Hub;
using JobStream.TestServers;

// bench/run.sh [quality|scrape|scrapy|render|hub|delivery|cluster|jobs|search|watches|heap|all] [--quick] [--rounds=N] [--only=baseline|jobstream|sqlite|postgres] [--redis-cluster] [--postgres] [--why=TYPE]
if (args.FirstOrDefault() == "baseline-server")
{
    await BaselineServer.RunAsync(args[1..]);
    return;
}
if (args.FirstOrDefault() == "scale-sites")
{
    await ScrapyComparison.ServeSitesAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var quick = args.Contains("--quick");
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
int? rounds = args.FirstOrDefault(a => a.StartsWith("--rounds=", StringComparison.Ordinal)) is { } r ? int.Parse(r["--rounds=".Length..], System.Globalization.CultureInfo.InvariantCulture) : null;
var repository = Repository.Root();

Console.WriteLine($"JobStream benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}{(quick ? ", quick mode" : "")}");
if (scenario is "quality" or "all")
{
    await ExtractionQuality.RunAsync();
}
if (scenario is "scrape" or "all")
{
    await ScrapeStreamTiming.RunAsync(repository, quick);
    await ScrapeAtScale.RunAsync(repository, quick);
}
if (scenario is "scrapy" or "all")
{
    await ScrapyComparison.RunAsync(repository, quick);
}
if (scenario is "render" or "all")
{
    await RenderMemory.RunAsync(quick);
}
if (scenario is "hub" or "all")
{
    await HubBenchmark.RunAsync(repository, quick, rounds, only, redisCluster: args.Contains("--redis-cluster"));
}
if (scenario is "delivery" or "all")
{
    await DeliveryBenchmark.RunAsync(repository, quick);
}
if (scenario is "jobs" or "all")
{
    await ScrapeJobsAtScale.RunAsync(repository, quick);
}
if (scenario is "cluster" or "all")
{
    await ClusterBenchmark.RunAsync(repository, quick);
}
if (scenario is "search" or "all")
{
    await JobSearchAtScale.RunAsync(quick, only);
}
if (scenario is "watches" or "all")
{
    await WatchesAtScale.RunAsync(repository, quick, postgres: args.Contains("--postgres"));
}
if (scenario is "heap" or "all")
{
    await HeapProfile.RunAsync(repository, quick, args.FirstOrDefault(a => a.StartsWith("--why=", StringComparison.Ordinal))?["--why=".Length..]);
}

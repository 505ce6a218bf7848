namespace JobStream.TestServers;

/// <summary>Demo: three career sites on loopback that answer after different delays, for trying the stream by hand.</summary>
public static class Demo
{
    public static async Task Main()
    {
        var sites = new[]
        {
            Corpus.JsonLd("fast"),
            new FixtureSite("medium") { Delay = TimeSpan.FromSeconds(2) },
            new FixtureSite("slow") { Delay = TimeSpan.FromSeconds(5) },
        };
        foreach (var (page, content) in Corpus.StaticList().Pages)
        {
            sites[1].WithPage(page, content);
            sites[2].WithPage(page, content);
        }

        await using var server = await FixtureSiteServer.StartAsync(sites);
        Console.WriteLine("Fixture career sites on loopback (Ctrl+C to stop):");
        foreach (var site in sites)
        {
            Console.WriteLine($"  {site.Name,-6} {site.Url}  (each page answers after {site.Delay.TotalSeconds:0} s)");
        }
        var body = string.Join(",", sites.Select(s => $"\"{s.Url.ToString().TrimEnd('/')}\""));
        Console.WriteLine();
        Console.WriteLine("Stream them (the service must run in Development, which allows loopback):");
        Console.WriteLine($"  curl -N -X POST -H 'Content-Type: application/json' -d '{{\"domains\":[{body}]}}' http://localhost:8000/scrape/stream");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        await stop.Task;
    }
}

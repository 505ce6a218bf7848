using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Hub;

// A background job of many domains split over several worker processes sharing a real Redis Cluster
// (3 primaries, a replica each): one of them is killed (SIGKILL) halfway, and the client still gets each
// domain's result once and one completed; no site ever has more requests in hand than its limit,
// whichever workers send them. The 200 domains are ten on each of 20 sites: with one domain per site no
// two workers would ever share a site, and the limit across workers would go untested.
[NonParallelizable]
public sealed class SplitJobTests
{
    private const int Sites = 20;
    private static readonly string[] Paths = ["/", "/careers", "/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h"];

    [Test]
    public async Task Two_hundred_domains_spread_over_three_workers_one_killed_arrive_once_each_and_no_site_passes_its_limit()
    {
        Assert.That(RedisCluster.IsInstalled, Is.True, $"{RedisServer.Executable} or {RedisCluster.CliExecutable} is missing: scripts/test.sh installs them");
        await using var redis = await RedisCluster.StartAsync();
        // Ten domains on each site (its start page, its careers page and eight more paths), answered
        // slowly enough that the workers' requests to one site would overlap if nothing held them apart.
        var sites = Enumerable.Range(0, Sites).Select(i => Corpus.JsonLd($"site{i}", delay: TimeSpan.FromMilliseconds(40))).ToList();
        await using var server = await FixtureSiteServer.StartAsync(sites);
        var domains = sites.SelectMany(site => Paths.Select(path => new Uri(site.Url, path).AbsoluteUri)).ToList();
        (string, string)[] shared = [("Redis:Configuration", redis.Configuration), ("Scraping:Http:MaxConcurrentRequestsPerHost", "2")];
        await using var api = await ApiProcess.StartAsync([.. shared, ("Jobs:Role", "api")]);
        (string, string)[] worker = [.. shared, ("Jobs:Role", "worker"), ("Jobs:ReclaimAfterSeconds", "2")];
        await using var doomed = await ApiProcess.StartAsync(worker);
        await using var second = await ApiProcess.StartAsync(worker);
        await using var third = await ApiProcess.StartAsync(worker);

        var token = TestTokens.For("big-job");
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains }) };
        start.Headers.Authorization = new("Bearer", token);
        using var started = await api.Client.SendAsync(start);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await started.Content.ReadAsStringAsync());
        var streamUrl = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("stream_url").GetString();
        await using var stream = await HubClient.ConnectAsync(api.Client, $"{streamUrl}?token={token}");
        var events = new List<System.Net.ServerSentEvents.SseItem<string>>();
        var killed = false;
        do
        {
            events.Add(await stream.NextAsync());
            if (!killed && events.Count(e => e.EventType == "result") >= 50)
            {
                await doomed.KillAsync();
                killed = true;
            }
        }
        while (events[^1].EventType != "completed");

        var results = events.Where(e => e.EventType == "result").Select(e => e.Json().GetProperty("domain").GetString()).ToList();
        Assert.That(results, Is.EquivalentTo(domains), "each domain's result, once");
        Assert.That(events.Select(e => e.EventId), Is.Unique);
        var completed = events[^1].Json();
        Assert.That(completed.GetProperty("total").GetInt32(), Is.EqualTo(domains.Count));
        Assert.That(killed, Is.True, "a worker was killed while the job ran");
        var ranParts = new[] { doomed, second, third }.Count(process => process.Output.Any(line => line.Contains("part", StringComparison.Ordinal) && line.Contains("started", StringComparison.Ordinal)));
        Assert.That(ranParts, Is.EqualTo(3), "every worker took parts of the job");
        Assert.That(sites.Select(site => (site.Name, site.MaxInFlight)), Has.All.Matches<(string Name, int MaxInFlight)>(site => site.MaxInFlight <= 2),
            "no site had more requests in hand at once than its limit, across all workers");
        Assert.That(sites.Max(site => site.MaxInFlight), Is.EqualTo(2), "the workers did press the sites up to their limit");
    }
}

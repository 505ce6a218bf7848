using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Watches;

/// <summary>Watches on a PostgreSQL shared by instances: changes cross instances by NOTIFY; the database going away is said, not hidden.</summary>
public sealed class PostgresDeploymentTests
{
    [Test]
    public async Task A_change_written_on_one_instance_reaches_a_stream_on_another_before_any_poll()
    {
        await using var database = await TestJobDatabase.CreateAsync("postgres");
        var site = new ChangingSite("notified");
        site.Show(("a", "Data Engineer", "Berlin"));
        await using var sites = await FixtureSiteServer.StartAsync([site.Site]);
        // Both instances poll the feed only once a minute, and each read waits at most 30 s: what arrives came by NOTIFY.
        var settings = WatchTests.FastWatches
            .Append(("ConnectionStrings:Jobs", (string?)database.ConnectionString))
            .Append(("Watches:FeedPollMilliseconds", (string?)"60000")).ToArray();
        await using var writer = new ApiFactory(settings);
        await using var reader = new ApiFactory(settings);
        using var writing = WatchTests.Client(writer, "alice");
        using var reading = WatchTests.Client(reader, "alice");
        await Hub.HubStreamTests.WaitForAsync(() => Task.FromResult(reader.Logs.Any(l => l.Contains("Job database", StringComparison.Ordinal))));
        using var stream = await WatchTests.OpenAsync(reading, "/api/v1/watches/stream", null);

        var clock = Stopwatch.StartNew();
        var created = await writing.PostAsJsonAsync("/api/v1/watches", new { domains = new[] { site.Domain }, every = "1d" });
        var watchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var run = await WatchTests.UntilFinishedAsync(stream.Events);

        Assert.That(WatchTests.Changes(run), Is.EqualTo(new[] { "job_opened a" }));
        Assert.That(run[0].Json().GetProperty("watch_id").GetString(), Is.EqualTo(watchId));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "came through the poll, not NOTIFY");
    }

    [Test]
    public async Task While_the_database_is_down_watch_requests_say_so_with_503_and_the_instance_is_not_ready()
    {
        var server = await PostgresServer.StartAsync();
        var connection = await server.CreateDatabaseAsync();
        await using var api = new ApiFactory(("ConnectionStrings:Jobs", connection + ";Timeout=2"));
        using var client = WatchTests.Client(api, "alice");
        Assert.That((await client.GetAsync("/api/v1/watches")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));

        await server.DisposeAsync();

        var list = await client.GetAsync("/api/v1/watches");
        Assert.That(list.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable), await list.Content.ReadAsStringAsync());
        Assert.That(list.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Contain("job database"));
        var ready = await client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("jobs_database"));
        Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "alive: only the job database is away");
    }
}

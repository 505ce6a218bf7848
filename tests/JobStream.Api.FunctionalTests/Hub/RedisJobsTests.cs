using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.TestServers;

namespace JobStream.Api.FunctionalTests.Hub;

// Scrape jobs through a Redis stream, under RESP2 and RESP3 (whose raw replies are shaped differently:
// a queue that parsed them by position stopped receiving jobs, without an error, under RESP3).
[NonParallelizable]
[TestFixtureSource(typeof(RedisServer), nameof(RedisServer.Protocols))]
public sealed class RedisJobsTests(string protocol)
{
    [Test]
    public async Task A_job_queued_on_an_api_instance_is_run_by_a_worker_instance_and_streamed_back()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        await using var redis = await RedisServer.StartAsync();
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd()]);
        // An API-only instance queues; a worker-only instance, sharing only Redis with it, runs the job.
        await using var api = new ApiFactory(("Redis:Configuration", redis.ConfigurationFor(protocol)), ("Jobs:Role", "api"));
        await using var worker = new ApiFactory(("Redis:Configuration", redis.ConfigurationFor(protocol)), ("Jobs:Role", "worker"));
        api.StartServer();
        worker.StartServer();
        using var client = api.CreateClient();
        using var workerClient = worker.CreateClient();

        var events = await RunJobAsync(client, sites["json-ld"].Url);

        Assert.That(events.Single(e => e.EventType == "result").Json().GetProperty("jobs").GetArrayLength(), Is.EqualTo(2));
        // The worker logs "finished" just after it publishes "completed", which the client may read first.
        await HubStreamTests.WaitForAsync(() => Task.FromResult(worker.Logs.Any(line => line.Contains("Scrape job", StringComparison.Ordinal) && line.Contains("finished", StringComparison.Ordinal))));
        Assert.That(worker.Logs, Has.Some.Contains("Scrape job").And.Some.Contains("finished"), "the worker instance ran it");
        Assert.That(api.Logs, Has.None.Contains("Scrape job"), "the API-only instance did not");
        using var gated = await workerClient.GetAsync("/api/v1/sse/connections/status");
        Assert.That(gated.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a worker-only instance serves only /health and /status");
        Assert.That((await workerClient.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_worker_takes_jobs_again_after_redis_restarts_with_nothing_kept()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        await using var redis = await RedisServer.StartAsync();
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd()]);
        await using var api = new ApiFactory(("Redis:Configuration", redis.ConfigurationFor(protocol)));
        api.StartServer();
        using var client = api.CreateClient();
        await RunJobAsync(client, sites["json-ld"].Url);

        // The restarted server has no job stream and no consumer group: the worker must make them again.
        await redis.StopAsync();
        await redis.StartAgainAsync();
        await HubStreamTests.WaitForAsync(async () =>
            JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement.GetProperty("backplane").GetProperty("connected").GetBoolean());

        var events = await RunJobAsync(client, sites["json-ld"].Url);
        Assert.That(events[^1].Json().GetProperty("succeeded").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_job_handed_out_more_than_max_deliveries_times_ends_as_its_domains_error_result_and_completes()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        await using var redis = await RedisServer.StartAsync();
        // A job whose workers kept dying: taken by a consumer that never acknowledged it, five times over.
        await redis.CommandAsync("HSET", "jobstream:{stream:doomed}:connection", "owner", "dora", "created_at", DateTimeOffset.UtcNow.ToString("O"));
        await redis.CommandAsync("XGROUP", "CREATE", "jobstream:jobs", "workers", "0", "MKSTREAM");
        await redis.CommandAsync("XADD", "jobstream:jobs", "1-1", "job", """{"job_id":"doomed-job","domains":["https://example.invalid"],"connection_id":"doomed"}""");
        await redis.CommandAsync("XREADGROUP", "GROUP", "workers", "dead-worker", "COUNT", "1", "STREAMS", "jobstream:jobs", ">");
        await redis.CommandAsync("XCLAIM", "jobstream:jobs", "workers", "dead-worker", "0", "1-1", "IDLE", "600000", "RETRYCOUNT", "5");

        await using var api = new ApiFactory(("Redis:Configuration", redis.ConfigurationFor(protocol)), ("Jobs:ReclaimAfterSeconds", "2"));
        api.StartServer();
        using var client = api.CreateClient();
        await using var stream = await HubClient.ConnectAsync(client, $"/api/v1/stream/doomed?token={TestTokens.For("dora")}");
        var events = await ScrapeJobsTests.ReadUntilAsync(stream, "completed");

        Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "result", "completed" }));
        Assert.That(events[0].Json().GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(events[0].Json().GetProperty("error").GetString(), Does.Contain("started 6 times"));
        Assert.That(events[1].Json().GetProperty("failed").GetInt32(), Is.EqualTo(1));
        await HubStreamTests.WaitForAsync(async () => (await redis.CommandAsync("XPENDING", "jobstream:jobs", "workers")).StartsWith("*4\r\n:0", StringComparison.Ordinal));
    }

    private static async Task<List<System.Net.ServerSentEvents.SseItem<string>>> RunJobAsync(HttpClient client, Uri site)
    {
        var token = TestTokens.For("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains = new[] { site.AbsoluteUri } }) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var streamUrl = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("stream_url").GetString();
        await using var stream = await HubClient.ConnectAsync(client, $"{streamUrl}?token={token}");
        return await ScrapeJobsTests.ReadUntilAsync(stream, "completed");
    }
}

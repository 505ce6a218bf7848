using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.Api.FunctionalTests.Hub;

// Two API instances sharing a real redis-server, and outside producers publishing to it directly;
// once with the client speaking RESP2 and once RESP3, whose replies are shaped differently.
[NonParallelizable]
[TestFixtureSource(typeof(RedisServer), nameof(RedisServer.Protocols))]
public sealed class RedisBackplaneTests(string protocol)
{
    private RedisServer _redis = null!;
    private ApiFactory _a = null!;
    private ApiFactory _b = null!;
    private HttpClient _clientA = null!;
    private HttpClient _clientB = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it (apt package redis-server)");
        _redis = await RedisServer.StartAsync();
        (_a, _clientA) = StartInstance();
        (_b, _clientB) = StartInstance();
        await WaitUntilConnectedAsync(_clientA);
        await WaitUntilConnectedAsync(_clientB);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _clientA.Dispose();
        _clientB.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task An_event_published_on_one_instance_reaches_a_client_of_the_other()
    {
        await using var client = await HubClient.ConnectAsync(_clientB, $"/api/v1/stream?token={TestTokens.For("alice")}");

        await Streams(_a).PublishAsync(StreamTopic.Connection(client.ConnectionId), "hello", JsonPayload.From(new { from = "a" }), default);

        var item = await client.NextAsync();
        Assert.That(item.EventType, Is.EqualTo("hello"));
        Assert.That(item.Data, Is.EqualTo("""{"from":"a"}"""));
    }

    [Test]
    public async Task An_outside_producer_publishing_to_redis_reaches_the_client()
    {
        await using var client = await HubClient.ConnectAsync(_clientA, $"/api/v1/stream?token={TestTokens.For("bob")}");

        // Pretty-printed, as a script might send it: the data must still arrive as one line.
        await _redis.CommandAsync("PUBLISH", $"stream:{client.ConnectionId}", "{\n  \"event\": \"job.done\",\n  \"data\": {\n    \"city\": \"Zürich\"\n  }\n}");

        var item = await client.NextAsync();
        Assert.That(item.EventType, Is.EqualTo("job.done"));
        Assert.That(item.Data, Is.EqualTo("""{"city":"Zürich"}"""));
    }

    [Test]
    public async Task Malformed_payloads_are_dropped_and_the_subscriber_keeps_running()
    {
        await using var client = await HubClient.ConnectAsync(_clientA, $"/api/v1/stream?token={TestTokens.For("carol")}");
        var channel = $"stream:{client.ConnectionId}";

        foreach (var bad in new[]
        {
            "not json",
            "[1,2]",
            """{"data":1}""",
            """{"event":"x\r\ndata: forged","data":1}""",
            """{"event":"","data":1}""",
            """{"event":"ok","data":1,"id":"x\ny"}""",
            $$"""{"event":"big","data":"{{new string('x', 300 * 1024)}}"}""",
        })
        {
            await _redis.CommandAsync("PUBLISH", channel, bad);
        }
        await _redis.CommandAsync("PUBLISH", channel, """{"event":"good","data":true}""");

        var item = await client.NextAsync();
        Assert.That(item.EventType, Is.EqualTo("good"));
        Assert.That(_a.Logs.Count(line => line.StartsWith($"Dropped a message on {channel}", StringComparison.Ordinal)), Is.EqualTo(7));
    }

    [Test]
    public async Task Two_hundred_streams_each_receive_their_own_events_and_nothing_else()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            HubClient.ConnectAsync(i % 2 == 0 ? _clientA : _clientB, $"/api/v1/stream?token={TestTokens.For($"user{i}")}")));
        try
        {
            var publisher = Streams(_b);
            for (var round = 0; round < 2; round++)
            {
                await Task.WhenAll(clients.Select((c, i) =>
                    publisher.PublishAsync(StreamTopic.Connection(c.ConnectionId), "mine", JsonPayload.From(new { index = i, round }), default)));
            }

            await Task.WhenAll(clients.Select(async (client, i) =>
            {
                for (var round = 0; round < 2; round++)
                {
                    var item = await client.NextAsync();
                    var data = item.Json();
                    Assert.That(data.GetProperty("index").GetInt32(), Is.EqualTo(i), "a client got another client's event");
                    Assert.That(data.GetProperty("round").GetInt32(), Is.EqualTo(round), "events arrived out of order");
                }
            }));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Reconnecting_to_another_instance_with_last_event_id_misses_nothing()
    {
        string lastSeen;
        string connectionId;
        await using (var first = await HubClient.ConnectAsync(_clientA, $"/api/v1/stream?token={TestTokens.For("dave")}"))
        {
            connectionId = first.ConnectionId;
            await Streams(_a).PublishAsync(StreamTopic.Connection(connectionId), "one", JsonPayload.From(1), default);
            lastSeen = (await first.NextAsync()).EventId!;
        }
        await Streams(_a).PublishAsync(StreamTopic.Connection(connectionId), "two", JsonPayload.From(2), default);
        await Streams(_a).PublishAsync(StreamTopic.Connection(connectionId), "three", JsonPayload.From(3), default);

        await using var resumed = await HubClient.ConnectAsync(_clientB, $"/api/v1/stream?token={TestTokens.For("dave")}", lastSeen);

        Assert.That(resumed.ConnectionId, Is.EqualTo(connectionId));
        Assert.That((await resumed.NextAsync()).EventType, Is.EqualTo("two"));
        Assert.That((await resumed.NextAsync()).EventType, Is.EqualTo("three"));
    }

    [Test]
    public async Task Progress_published_on_one_instance_reaches_the_users_stream_on_the_other_and_its_status()
    {
        var token = TestTokens.For("user_x");
        await using var stream = await HubClient.ConnectAsync(_clientB, $"/api/v1/sse/progress/stream/user_x?token={token}");

        await Streams(_a).PublishAsync(StreamTopic.UserProgress("user_x"), "progress", JsonPayload.From(new { completed = 2, total = 4 }), default);

        Assert.That((await stream.NextAsync()).Json().GetProperty("completed").GetInt32(), Is.EqualTo(2));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/sse/progress/status/user_x");
        request.Headers.Authorization = new("Bearer", token);
        using var status = await _clientB.SendAsync(request);
        Assert.That(await status.Content.ReadAsStringAsync(), Is.EqualTo("""{"completed":2,"total":4}"""));
    }

    [Test]
    public void An_event_larger_than_the_limit_is_refused_when_it_is_published_as_in_memory()
    {
        var huge = JsonPayload.From(new { text = new string('x', 300 * 1024) });

        Assert.ThrowsAsync<ArgumentException>(() => Streams(_a).PublishAsync(StreamTopic.Connection("someone"), "big", huge, default));
        Assert.ThrowsAsync<ArgumentException>(() => Streams(_a).PublishAsync(StreamTopic.UserProgress("someone"), "progress", huge, default));
    }

    [Test]
    public async Task Resuming_from_an_id_older_than_the_history_gets_a_missed_event_then_what_is_kept()
    {
        string first;
        string connectionId;
        await using (var client = await HubClient.ConnectAsync(_clientA, $"/api/v1/stream?token={TestTokens.For("frank")}"))
        {
            connectionId = client.ConnectionId;
            await Streams(_a).PublishAsync(StreamTopic.Connection(connectionId), "old", JsonPayload.From(0), default);
            first = (await client.NextAsync()).EventId!;
        }
        for (var i = 1; i <= 700; i++)
        {
            await Streams(_a).PublishAsync(StreamTopic.Connection(connectionId), "old", JsonPayload.From(i), default);
        }
        var missesBefore = await HistoryMissesAsync(_clientB);

        await using var resumed = await HubClient.ConnectAsync(_clientB, $"/api/v1/stream?token={TestTokens.For("frank")}", first);
        var missed = await resumed.NextAsync();
        var oldest = await resumed.NextAsync();

        Assert.That(missed.EventType, Is.EqualTo("missed"));
        Assert.That(missed.Json().GetProperty("last_event_id").GetString(), Is.EqualTo(first));
        Assert.That(oldest.Json().GetInt32(), Is.InRange(700 - 600, 700 - 500 + 1), "the history keeps the latest Hub:HistoryLength (500) events, trimmed in batches");
        Assert.That(await HistoryMissesAsync(_clientB), Is.EqualTo(missesBefore + 1));
    }

    [Test]
    public async Task A_progress_stream_resumes_after_its_last_event_id_on_the_other_instance()
    {
        var token = TestTokens.For("user_resume");
        string seen;
        await using (var stream = await HubClient.ConnectAsync(_clientA, $"/api/v1/sse/progress/stream/user_resume?token={token}"))
        {
            await Streams(_a).PublishAsync(StreamTopic.UserProgress("user_resume"), "progress", JsonPayload.From(new { completed = 1 }), default);
            seen = (await stream.NextAsync()).EventId!;
        }
        await Streams(_a).PublishAsync(StreamTopic.UserProgress("user_resume"), "progress", JsonPayload.From(new { completed = 2 }), default);
        await Streams(_a).PublishAsync(StreamTopic.UserProgress("user_resume"), "progress", JsonPayload.From(new { completed = 3 }), default);

        await using var resumed = await HubClient.ConnectAsync(_clientB, $"/api/v1/sse/progress/stream/user_resume?token={token}", seen);

        Assert.That((await resumed.NextAsync()).Json().GetProperty("completed").GetInt32(), Is.EqualTo(2));
        Assert.That((await resumed.NextAsync()).Json().GetProperty("completed").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task The_producer_functions_refuse_what_no_client_could_be_sent_with_a_clear_error()
    {
        await using var client = await HubClient.ConnectAsync(_clientA, $"/api/v1/stream?token={TestTokens.For("grace")}");
        var id = client.ConnectionId;
        string Publish(string name, string data) => string.Join('\u0001', "FCALL", "jobstream_publish", "3", $"jobstream:{{stream:{id}}}:history", $"jobstream:{{stream:{id}}}:connection", $"jobstream:{{stream:{id}}}:once", id, name, data);

        Assert.That(await CallAsync(Publish("two words", "{}")), Does.StartWith("-ERR the event name must be"));
        Assert.That(await CallAsync(Publish("ok", "{not json")), Does.StartWith("-ERR the data is not valid JSON"));
        Assert.That(await CallAsync(Publish("ok", $"\"{new string('x', 300 * 1024)}\"")), Does.StartWith("-ERR the data is 307202 bytes, over the 262144-byte limit"));
        Assert.That(await CallAsync(string.Join('\u0001', "FCALL", "jobstream_publish", "3", "jobstream:{stream:nobody}:history", "jobstream:{stream:nobody}:connection", "jobstream:{stream:nobody}:once", "nobody", "ok", "{}")), Does.StartWith("-NOCONNECTION"));
        Assert.That(await CallAsync(Publish("ok", "{\"fine\":true}")), Does.Match(@"^\$\d+\r\n\d+-\d+"), "and a good one gets its id");
        Assert.That((await client.NextAsync()).EventType, Is.EqualTo("ok"), "only the good one reached the client");
    }

    private Task<string> CallAsync(string command) => _redis.CommandAsync(command.Split('\u0001'));

    private static async Task<long> HistoryMissesAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement.GetProperty("metrics").GetProperty("history_misses").GetInt64();

    [Test, Order(int.MaxValue)]
    public async Task Streams_stay_open_through_a_redis_restart_and_receive_again_after_it()
    {
        await using var client = await HubClient.ConnectAsync(_clientA, $"/api/v1/stream?token={TestTokens.For("erin")}");

        await _redis.StopAsync();
        await HubStreamTests.WaitForAsync(async () => !await IsConnectedAsync(_clientA));
        using (var notReady = await _clientA.GetAsync("/health/ready"))
        {
            Assert.That(notReady.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable), "not ready while Redis is away");
            Assert.That(await notReady.Content.ReadAsStringAsync(), Does.Contain("\"redis\":{\"status\":\"unhealthy\""));
        }
        using (var alive = await _clientA.GetAsync("/health"))
        {
            Assert.That(alive.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "still alive");
        }
        using (var refused = await _clientA.GetAsync($"/api/v1/stream?token={TestTokens.For("erin")}"))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable), "a new stream needs Redis: try again later, not a 500");
            Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        }
        await _redis.StartAgainAsync();
        await WaitUntilConnectedAsync(_clientA);
        await WaitUntilConnectedAsync(_clientB);

        await _redis.CommandAsync("PUBLISH", $"stream:{client.ConnectionId}", """{"event":"after","data":"restart"}""");
        var item = await client.NextAsync();
        Assert.That(item.EventType, Is.EqualTo("after"), item.Data);
    }

    private (ApiFactory, HttpClient) StartInstance()
    {
        var api = new ApiFactory(("Redis:Configuration", _redis.ConfigurationFor(protocol)));
        api.StartServer();
        return (api, api.CreateClient());
    }

    private static IStreamBus Streams(ApiFactory api) => api.Services.GetRequiredService<IStreamBus>();

    private static async Task<bool> IsConnectedAsync(HttpClient client)
    {
        var status = JsonDocument.Parse(await client.GetStringAsync("/status")).RootElement;
        var backplane = status.GetProperty("backplane");
        Assert.That(backplane.GetProperty("kind").GetString(), Is.EqualTo("redis"));
        return backplane.GetProperty("connected").GetBoolean();
    }

    private static Task WaitUntilConnectedAsync(HttpClient client) => HubStreamTests.WaitForAsync(() => IsConnectedAsync(client));
}

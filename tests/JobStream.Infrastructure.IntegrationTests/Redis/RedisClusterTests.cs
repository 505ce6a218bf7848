using System.Diagnostics;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Health;
using JobStream.Infrastructure.Redis;
using JobStream.Infrastructure.Streaming;
using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.IntegrationTests.Redis;

// The Redis hub on a real Redis Cluster (3 primaries, 3 replicas) started by the test.
[NonParallelizable]
public sealed class RedisClusterTests
{
    private RedisCluster _cluster = null!;
    private ConnectionMultiplexer _multiplexer = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        Assert.That(RedisCluster.IsInstalled, Is.True, $"{RedisServer.Executable} or {RedisCluster.CliExecutable} is missing: scripts/test.sh installs them");
        _cluster = await RedisCluster.StartAsync();
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(_cluster.Configuration);
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        await _multiplexer.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Test]
    public async Task The_library_is_on_every_primary_and_every_function_runs_whatever_shard_holds_its_topic()
    {
        var hub = new HubOptions();
        var functions = new HubFunctions(_multiplexer, hub, "jobstream:");
        var connections = new RedisConnectionRegistry(_multiplexer, functions, Options.Create(hub), TimeProvider.System);

        await functions.LoadAsync();

        Assert.That(await functions.IsLoadedAsync(), Is.True);
        foreach (var port in _cluster.Ports)
        {
            // Replicas too, a moment later: they have it from their primaries, so a promoted one has it already.
            await WaitForAsync(async () => (await RedisCluster.CommandAsync(port, "FUNCTION", "LIST", "LIBRARYNAME", "jobstream")).Contains("jobstream", StringComparison.Ordinal));
        }
        var shards = new HashSet<int>();
        for (var i = 0; i < 30; i++)
        {
            var connection = await connections.CreateConnectionAsync("alice", default);
            shards.Add(await _cluster.PrimaryForAsync(functions.HistoryKey(StreamTopic.Connection(connection.Id))));
            Assert.That(await functions.PublishAsync(StreamTopic.Connection(connection.Id), "tick", "{}", onceKey: "once"), Does.Match("^[0-9]+-[0-9]+$"));
            Assert.That(await functions.PublishAsync(StreamTopic.UserProgress($"user{i}"), "progress", "{\"completed\":1}", onceKey: null), Does.Match("^[0-9]+-[0-9]+$"));
        }
        Assert.That(await functions.PublishAsync(StreamTopic.Broadcast, "deploy", "{}", onceKey: null), Does.Match("^[0-9]+-[0-9]+$"));
        Assert.That(shards, Has.Count.EqualTo(3), "thirty connections spread over the three shards");
    }

    [Test]
    public async Task A_topic_followed_here_gets_its_events_through_its_shard_and_a_client_that_joined_before_the_subscription_was_confirmed_misses_none()
    {
        var hub = new HubOptions();
        var functions = new HubFunctions(_multiplexer, hub, "jobstream:");
        await functions.LoadAsync();
        var metrics = new JobStreamMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var fanOut = new LocalFanOut(1024);
        var inbox = new RedisInbox(_multiplexer, fanOut, hub.MaxPayloadBytes, metrics, NullLogger<RedisInbox>.Instance);
        var bus = new RedisStreamBus(_multiplexer, functions, fanOut, inbox, Options.Create(hub), metrics);
        var history = new RedisStreamHistory(_multiplexer, functions, new LocalFanOut(16), metrics, NullLogger<RedisStreamHistory>.Instance);
        var follower = new StreamFollower(history, metrics, NullLogger<StreamFollower>.Instance);
        var connections = new RedisConnectionRegistry(_multiplexer, functions, Options.Create(hub), TimeProvider.System);
        var connection = await connections.CreateConnectionAsync("alice", default);
        var topic = StreamTopic.Connection(connection.Id);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var subscription = bus.Subscribe(topic);
        // Published at once, before the shard has confirmed the subscription: it comes from the history.
        await bus.PublishAsync(topic, "n", JsonPayload.From(0), null, default);
        var received = new List<int>();
        var reading = Task.Run(async () =>
        {
            var tail = new TopicTail(topic, After: null, Replay: false) { Describe = "test", MissedMessage = "missed" };
            await foreach (var message in follower.TailAsync(subscription, tail, timeout.Token).Cast<StreamMessage>())
            {
                received.Add(JsonSerializer.Deserialize<int>(message.Data.Utf8.Span));
                if (received.Count == 200)
                {
                    return;
                }
            }
        });
        for (var i = 1; i < 200; i++)
        {
            await bus.PublishAsync(topic, "n", JsonPayload.From(i), null, default);
        }
        await reading.WaitAsync(timeout.Token);

        Assert.That(received, Is.EqualTo(Enumerable.Range(0, 200)), "every event once, in order");
        Assert.That(inbox.Subscribed, Is.EqualTo(1));
        await subscription.DisposeAsync();
        await WaitForAsync(() => inbox.Subscribed == 0);
        await inbox.StopAsync();
    }

    [Test]
    public async Task Readiness_needs_every_slot_served_and_no_admin_command()
    {
        var check = new RedisHealthCheck(_multiplexer);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(result.Status, Is.EqualTo(HealthStatus.Healthy), result.Description);
        Assert.That(result.Description, Does.Contain("every slot"));
    }

    [Test]
    public async Task The_producer_example_names_the_keys_as_the_instances_do()
    {
        const string python = "/usr/bin/python3";
        Assert.That(File.Exists(python), Is.True, "Debian's python3 is missing: scripts/test.sh installs it");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(Repository.Root(), "docs", "examples", "jobstream_publisher.py"), "--keys", "--connection", "c0ffee", "--user", "alice" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, await process.StandardError.ReadToEndAsync());
        using var keys = JsonDocument.Parse(output);
        var functions = new HubFunctions(_multiplexer, new HubOptions(), new RedisOptions().KeyPrefix);
        string Key(string topic, string name) => keys.RootElement.GetProperty(topic).GetProperty(name).GetString()!;

        Assert.That(Key("connection", "history"), Is.EqualTo(functions.HistoryKey(StreamTopic.Connection("c0ffee"))));
        Assert.That(Key("connection", "connection"), Is.EqualTo(functions.ConnectionKey("c0ffee")));
        Assert.That(Key("connection", "once"), Is.EqualTo(functions.OnceKey(StreamTopic.Connection("c0ffee"))));
        Assert.That(Key("progress", "latest"), Is.EqualTo(functions.ProgressKey("alice")));
        Assert.That(Key("progress", "history"), Is.EqualTo(functions.HistoryKey(StreamTopic.UserProgress("alice"))));
        Assert.That(Key("progress", "once"), Is.EqualTo(functions.OnceKey(StreamTopic.UserProgress("alice"))));
        Assert.That(Key("broadcast", "history"), Is.EqualTo(functions.HistoryKey(StreamTopic.Broadcast)));
        Assert.That(Key("broadcast", "once"), Is.EqualTo(functions.OnceKey(StreamTopic.Broadcast)));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}

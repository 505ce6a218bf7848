using System.Globalization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using JobStream.Infrastructure.Streaming;
using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace JobStream.Infrastructure.IntegrationTests.Streaming;

// The Redis hub's monitor against a real redis-server, with the hub's own clock under the test's control.
[NonParallelizable]
public sealed class RedisHubMonitorTests
{
    [Test]
    public async Task A_connection_a_client_is_on_has_its_time_to_live_restarted_and_an_idle_one_does_not()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        await using var redis = await RedisServer.StartAsync();
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var hubOptions = Options.Create(new HubOptions { ConnectionTtlSeconds = 60 });
        var (monitor, functions, fanOut) = Monitor(redis, multiplexer, hubOptions, time);
        using var stopped = monitor;
        var connections = new RedisConnectionRegistry(multiplexer, functions, hubOptions, time);
        await monitor.StartAsync(CancellationToken.None);
        var watched = await connections.CreateConnectionAsync("alice", default);
        var idle = await connections.CreateConnectionAsync("alice", default);
        await using var client = fanOut.Subscribe(StreamTopic.Connection(watched.Id));
        // As if most of the hour had passed: five seconds left for both.
        await redis.CommandAsync("PEXPIRE", $"jobstream:{{stream:{watched.Id}}}:connection", "5000");
        await redis.CommandAsync("PEXPIRE", $"jobstream:{{stream:{idle.Id}}}:connection", "5000");

        // A quarter of the time to live: the instance refreshes its clients' connections. (Advanced again
        // while waiting: the monitor's loop may not have started its wait when the clock first moves.)
        await WaitForAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(15));
            return await TimeToLiveAsync(redis, watched.Id) > 50_000;
        });
        Assert.That(await TimeToLiveAsync(redis, idle.Id), Is.LessThanOrEqualTo(5_000), "nobody is on it: it keeps running out");
        await monitor.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_library_removed_behind_the_instances_back_is_loaded_again()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        await using var redis = await RedisServer.StartAsync();
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (monitor, functions, _) = Monitor(redis, multiplexer, Options.Create(new HubOptions()), time);
        using var stopped = monitor;
        await monitor.StartAsync(CancellationToken.None);
        await WaitForAsync(functions.IsLoadedAsync);

        // An operator's FUNCTION FLUSH: the instance's connection never drops, so no reconnection reloads it.
        await redis.CommandAsync("FUNCTION", "FLUSH");
        Assert.That(await functions.IsLoadedAsync(), Is.False);

        await WaitForAsync(async () =>
        {
            time.Advance(TimeSpan.FromSeconds(2));
            return await functions.IsLoadedAsync();
        });
        await monitor.StopAsync(CancellationToken.None);
    }

    // The monitor as the service wires it, on the test's clock.
    private static (RedisHubMonitor Monitor, HubFunctions Functions, LocalFanOut FanOut) Monitor(
        RedisServer redis, IConnectionMultiplexer multiplexer, IOptions<HubOptions> hubOptions, TimeProvider time)
    {
        var metrics = new JobStreamMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var functions = new HubFunctions(multiplexer, hubOptions.Value, "jobstream:");
        var fanOut = new LocalFanOut(1024);
        var inbox = new RedisInbox(multiplexer, fanOut, hubOptions.Value.MaxPayloadBytes, metrics, NullLogger<RedisInbox>.Instance);
        var monitor = new RedisHubMonitor(multiplexer, functions, fanOut, inbox, hubOptions, Options.Create(new RedisOptions { Configuration = redis.Configuration }),
            time, NullLogger<RedisHubMonitor>.Instance);
        return (monitor, functions, fanOut);
    }

    private static async Task<long> TimeToLiveAsync(RedisServer redis, string connectionId)
    {
        var reply = await redis.CommandAsync("PTTL", $"jobstream:{{stream:{connectionId}}}:connection");
        return long.Parse(reply.TrimStart(':').Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}

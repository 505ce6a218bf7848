using JobStream.TestServers;
using static JobStream.Api.FunctionalTests.Hub.DeliveryTests;

namespace JobStream.Api.FunctionalTests.Hub;

// Instances configured with Sentinels and a service name (one primary, two replicas, three sentinels,
// real servers on loopback): the primary is killed mid-stream, the sentinels promote the replica, and the
// client's stream goes on with every event the producer was told a replica has.
[NonParallelizable]
public sealed class RedisSentinelDeliveryTests
{
    [Test]
    public async Task A_failover_mid_stream_loses_no_event_the_producer_was_told_a_replica_has()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        await using var sentinel = await RedisSentinel.StartAsync();
        await using var a = await ApiProcess.StartAsync(("Redis:Configuration", sentinel.Configuration), ("Hub:HistoryLength", "20000"));
        await using var b = await ApiProcess.StartAsync(("REDIS_URL", $"redis+sentinel://{string.Join(',', sentinel.SentinelPorts.Select(port => $"127.0.0.1:{port}"))}/{RedisSentinel.ServiceName}"), ("Hub:HistoryLength", "20000"));
        var connection = await NewConnectionAsync(a.Client, "sentinel");
        var url = $"redis+sentinel://{string.Join(',', sentinel.SentinelPorts.Select(port => $"127.0.0.1:{port}"))}/{RedisSentinel.ServiceName}";
        using var producer = StartProducer(url, connection, count: 2_000, perSecond: 500, "--replicas", "1");
        var reader = new NumberedReader("sentinel", connection);

        var reading = reader.ReadAsync([a.Client, b.Client], total: 2_000);
        await HubStreamTests.WaitForAsync(() => Task.FromResult(reader.Count >= 500 || reading.IsCompleted));
        var before = sentinel.PrimaryPort;
        await sentinel.KillPrimaryAsync();
        await reading;

        Assert.That(await ExitCodeAsync(producer), Is.Zero);
        Assert.That(await sentinel.CurrentPrimaryPortAsync(), Is.AnyOf(sentinel.ReplicaPorts[0], sentinel.ReplicaPorts[1]).And.Not.EqualTo(before), "a replica was promoted");
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 2_000)), "every event once, in order");
        Assert.That(reader.Missed, Is.Zero);
    }
}

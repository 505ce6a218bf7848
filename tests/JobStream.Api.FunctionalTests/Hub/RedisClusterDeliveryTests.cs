using JobStream.Application.Streaming;
using System.Diagnostics;
using JobStream.TestServers;
using static JobStream.Api.FunctionalTests.Hub.DeliveryTests;

namespace JobStream.Api.FunctionalTests.Hub;

// Two instances on a real Redis Cluster (3 primaries, 2 replicas each, so a shard whose primary dies
// still has a replica to acknowledge writes), an outside producer using the
// documented Python functions through redis-py's RedisCluster, and a client that reconnects as
// EventSource does, alternating instances.
[NonParallelizable]
public sealed class RedisClusterDeliveryTests
{
    private RedisCluster _cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        Assert.That(RedisCluster.IsInstalled, Is.True, $"{RedisServer.Executable} or {RedisCluster.CliExecutable} is missing: scripts/test.sh installs them");
        Assert.That(File.Exists("/usr/bin/python3"), Is.True, "Debian's python3 with python3-redis is missing: scripts/test.sh installs it");
        _cluster = await RedisCluster.StartAsync(replicasEach: 2);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();

    [Test]
    public async Task Ten_thousand_events_through_the_cluster_arrive_once_and_in_order_over_twenty_cuts_alternating_instances()
    {
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        var connection = await NewConnectionAsync(a.Client, "cluster-numbers");
        var seed = Environment.TickCount;
        TestContext.Out.WriteLine($"cuts drawn with seed {seed}");
        var random = new Random(seed);
        var cuts = new Queue<int>(Enumerable.Range(0, 20).Select(_ => random.Next(1, 10_000)).Distinct().Order());
        var cutCount = cuts.Count;
        using var producer = StartProducer(_cluster.Nodes, connection, count: 10_000, perSecond: 2_500, "--cluster");
        var reader = new NumberedReader("cluster-numbers", connection);

        await reader.ReadAsync([a.Client, b.Client], total: 10_000, cuts);

        Assert.That(await ExitCodeAsync(producer), Is.Zero);
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 10_000)), "every event once, in order");
        Assert.That(reader.Sessions, Is.EqualTo(cutCount + 1), "each cut, and only a cut, made the client reconnect");
        Assert.That(reader.Missed, Is.Zero);
    }

    [TestCase("progress")]
    [TestCase("broadcast")]
    public async Task Progress_and_broadcasts_through_the_cluster_arrive_once_and_in_order_over_cuts_alternating_instances(string kind)
    {
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        var user = $"cluster-{kind}";
        var reader = kind == "progress"
            ? new NumberedReader($"/api/v1/sse/progress/stream/{user}?token={TestTokens.For(user)}", "progress", StreamEventId.Beginning)
            : new NumberedReader("/events", "numbered", StreamEventId.Beginning);
        using var producer = StartProducer(_cluster.Nodes, user, count: 3_000, perSecond: 1_500, "--cluster", "--kind", kind);

        await reader.ReadAsync([a.Client, b.Client], total: 3_000, new Queue<int>([500, 1_000, 1_500, 2_000, 2_500]));

        Assert.That(await ExitCodeAsync(producer), Is.Zero);
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 3_000)), "every event once, in order");
        Assert.That(reader.Sessions, Is.EqualTo(6));
        Assert.That(reader.Missed, Is.Zero);
    }

    [Test]
    public async Task A_primary_killed_mid_stream_loses_no_event_the_producer_was_told_a_replica_has()
    {
        await using var a = await StartInstanceAsync();
        await using var b = await StartInstanceAsync();
        var connection = await NewConnectionAsync(a.Client, "failover");
        var primary = await _cluster.PrimaryForAsync($"jobstream:{{stream:{connection}}}:history");
        using var producer = StartProducer(_cluster.Nodes, connection, count: 3_000, perSecond: 1_000, "--cluster", "--replicas", "1", "--acks");
        var acknowledged = -1;
        var acks = Task.Run(async () =>
        {
            while (await producer.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("acked ", StringComparison.Ordinal))
                {
                    Volatile.Write(ref acknowledged, int.Parse(line["acked ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        });
        var reader = new NumberedReader("failover", connection);

        var reading = reader.ReadAsync([a.Client, b.Client], total: 3_000);
        await HubStreamTests.WaitForAsync(() => Task.FromResult(reader.Count >= 800 || reading.IsCompleted));
        var killedAt = Stopwatch.StartNew();
        await _cluster.KillAsync(primary);
        // The producer dies with it, as a worker on the same machine would; the events it was told a
        // replica has are the ones that must survive. Started again (Celery would retry the task), it
        // goes on after the last of those; what it sent but was not told of is sent again under the same
        // once-keys, and delivered once.
        producer.Kill();
        await producer.WaitForExitAsync();
        await acks;
        await _cluster.WaitUntilHealthyAsync();
        TestContext.Out.WriteLine($"the producer had been told of events up to {acknowledged}; the cluster served every slot again after {killedAt.Elapsed.TotalSeconds:0.0} s");
        using var again = StartProducer(_cluster.Nodes, connection, count: 3_000, perSecond: 1_000, "--cluster", "--replicas", "1", "--start", (acknowledged + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await reading;
        TestContext.Out.WriteLine($"the rest arrived {killedAt.Elapsed.TotalSeconds:0.0} s after the primary was killed");

        Assert.That(await ExitCodeAsync(again), Is.Zero);
        Assert.That(acknowledged, Is.GreaterThanOrEqualTo(800), "the events read before the kill were acknowledged first");
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 3_000)), "every event once, in order: those acknowledged before the kill survived it");
        Assert.That(reader.Missed, Is.Zero);
    }

    private async Task<ApiProcess> StartInstanceAsync() =>
        await ApiProcess.StartAsync(("Redis:Configuration", _cluster.Configuration), ("Hub:HistoryLength", "20000"));
}

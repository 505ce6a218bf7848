using System.Diagnostics;
using System.Globalization;
using JobStream.TestServers;
using StackExchange.Redis;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// One Redis server against a Redis Cluster of 3 primaries with a replica each (docs/benchmarks.md,
/// "Redis Cluster"), in the same session: the delivery run (two instances, a client cutting its
/// connection and resuming on the other), what a producer's call costs one client in a row, the same
/// call followed by <c>WAIT 1</c> (an event a replica has), calls from many producers at once to many
/// connections, and how those calls spread over the cluster's primaries.
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task RunAsync(string repository, bool quick)
    {
        var events = quick ? 5_000 : 20_000;
        var reconnects = quick ? 10 : 40;
        var calls = quick ? 5_000 : 20_000;
        Console.WriteLine();
        Console.WriteLine($"Redis Cluster: one redis-server against 3 primaries with a replica each; delivery of {events:N0} events over {reconnects} reconnects, {calls:N0} producer calls");

        await using (var single = await RedisServer.StartAsync())
        {
            await RunOnAsync("one server", single.Configuration, repository, events, reconnects, calls, cluster: false);
        }
        await using (var cluster = await RedisCluster.StartAsync(primaries: 3, replicasEach: 1))
        {
            await RunOnAsync("cluster 3x(1+1)", cluster.Configuration, repository, events, reconnects, calls, cluster: true);
        }
    }

    private static async Task RunOnAsync(string name, string configuration, string repository, int events, int reconnects, int calls, bool cluster)
    {
        await using var instances = await DeliveryBenchmark.StartInstancesAsync(repository, configuration);
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync($"{configuration},allowAdmin=true"); // INFO commandstats
        var redis = multiplexer.GetDatabase();

        var delivery = await DeliveryBenchmark.RunOnceAsync(instances.Addresses, redis, guaranteed: true, events, reconnects, perSecond: 4_000);
        Console.WriteLine(
            $"  {name,-16} delivery: lost {delivery.Lost,5:N0}   twice {delivery.Twice,3:N0}   resume p50 {delivery.ResumeP50.TotalMilliseconds,5:0.0} ms, p95 {delivery.ResumeP95.TotalMilliseconds,5:0.0} ms");

        var sequential = await SequentialAsync(multiplexer, calls, wait: false);
        var line = $"  {name,-16} one producer in a row: {sequential,8:N0} calls/s";
        if (cluster)
        {
            var waited = await SequentialAsync(multiplexer, calls / 4, wait: true);
            line += $"; with WAIT 1: {waited,7:N0} calls/s ({waited / sequential:0.00}x)";
        }
        Console.WriteLine(line);

        var before = await PrimariesAsync(multiplexer);
        var parallel = await ParallelAsync(redis, calls * 4, producers: 32, connections: 1_000);
        var after = await PrimariesAsync(multiplexer);
        var spread = after.Select(pair => (Calls: pair.Value.Calls - before[pair.Key].Calls, Cpu: pair.Value.CpuSeconds - before[pair.Key].CpuSeconds)).ToList();
        var total = Math.Max(1, spread.Sum(shard => shard.Calls));
        Console.WriteLine(
            $"  {name,-16} 32 producers, 1,000 connections: {parallel,8:N0} calls/s; per primary, share of calls and Redis CPU per call: " +
            string.Join(" / ", spread.Select(shard => $"{shard.Calls * 100.0 / total:0}% {shard.Cpu * 1e6 / Math.Max(1, shard.Calls):0.0} µs")));

        if (cluster)
        {
            // Pub/sub alone, no history: a classic PUBLISH on a cluster is passed to every node over the
            // cluster bus; SPUBLISH stays on the shard that owns the channel (and its replica).
            foreach (var sharded in new[] { false, true })
            {
                var cpuBefore = await CpuPerNodeAsync(multiplexer);
                var messages = calls * 2;
                var rate = await PubSubAsync(redis, messages, sharded);
                var cpuAfter = await CpuPerNodeAsync(multiplexer);
                var used = cpuAfter.Select(pair => pair.Value - cpuBefore[pair.Key]).ToList();
                Console.WriteLine(
                    $"  {name,-16} {(sharded ? "SPUBLISH" : "PUBLISH"),-8} {messages:N0} messages to 1,000 channels: {rate,8:N0}/s; Redis CPU per message, all {used.Count} nodes: {used.Sum() * 1e6 / messages:0.0} µs " +
                    $"(per node: {string.Join(" / ", used.Select(cpu => (cpu * 1e6 / messages).ToString("0.0", CultureInfo.InvariantCulture)))})");
            }
        }
    }

    private static async Task<double> SequentialAsync(IConnectionMultiplexer multiplexer, int count, bool wait)
    {
        var redis = multiplexer.GetDatabase();
        var connection = $"seq{Guid.NewGuid():N}";
        await redis.HashSetAsync(Key(connection, "connection"), "owner", "bench");
        // The shard that holds the keys; its one interactive connection carries the call and the WAIT.
        var shard = multiplexer.GetServer((await redis.IdentifyEndpointAsync(Key(connection, "history")))!);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await PublishAsync(redis, connection, i);
            if (wait)
            {
                await shard.ExecuteAsync("WAIT", 1, 1000);
            }
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> ParallelAsync(IDatabase redis, int count, int producers, int connections)
    {
        var names = Enumerable.Range(0, connections).Select(i => $"par{i}-{Guid.NewGuid():N}").ToArray();
        await Task.WhenAll(names.Select(name => redis.HashSetAsync(Key(name, "connection"), "owner", "bench")));
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await PublishAsync(redis, names[n % names.Length], n);
            }
        })));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static Task<RedisResult> PublishAsync(IDatabase redis, string connection, int n) =>
        redis.ExecuteAsync("FCALL", "jobstream_publish", 3, Key(connection, "history"), Key(connection, "connection"), Key(connection, "once"), connection, "numbered", $$"""{"n":{{n}}}""");

    private static RedisKey Key(string connection, string kind) => $"jobstream:{{stream:{connection}}}:{kind}";

    private static async Task<double> PubSubAsync(IDatabase redis, int count, bool sharded)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var channel = $"stream:pubsub{n % 1_000}";
                var message = "{\"event\":\"numbered\",\"data\":{\"n\":" + n.ToString(CultureInfo.InvariantCulture) + "}}";
                await redis.PublishAsync(sharded ? RedisChannel.Sharded(channel) : RedisChannel.Literal(channel), message);
            }
        })));
        return count / clock.Elapsed.TotalSeconds;
    }

    // CPU time used so far by every node, replicas included (INFO cpu).
    private static async Task<Dictionary<string, double>> CpuPerNodeAsync(IConnectionMultiplexer multiplexer)
    {
        var nodes = new Dictionary<string, double>();
        foreach (var server in multiplexer.GetServers())
        {
            nodes[server.EndPoint.ToString()!] = await CpuSecondsAsync(server);
        }
        return nodes;
    }

    private static async Task<double> CpuSecondsAsync(IServer server)
    {
        var cpu = (await server.InfoAsync("cpu")).SelectMany(group => group).ToDictionary(pair => pair.Key, pair => pair.Value);
        return double.Parse(cpu["used_cpu_sys"], CultureInfo.InvariantCulture) + double.Parse(cpu["used_cpu_user"], CultureInfo.InvariantCulture);
    }

    // FCALLs each primary has run (INFO commandstats) and the CPU time it has used (INFO cpu).
    private static async Task<Dictionary<string, (long Calls, double CpuSeconds)>> PrimariesAsync(IConnectionMultiplexer multiplexer)
    {
        var primaries = new Dictionary<string, (long, double)>();
        foreach (var server in multiplexer.GetServers().Where(server => !server.IsReplica))
        {
            var fcall = (await server.InfoAsync("commandstats")).SelectMany(group => group).FirstOrDefault(pair => pair.Key == "cmdstat_fcall").Value ?? "calls=0";
            var calls = long.Parse(fcall.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
            primaries[server.EndPoint.ToString()!] = (calls, await CpuSecondsAsync(server));
        }
        return primaries;
    }
}

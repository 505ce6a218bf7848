using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using JobStream.TestServers;
using StackExchange.Redis;

namespace JobStream.Benchmarks.Hub;

/// <summary>A server under measurement and how the benchmark publishes to its streams.</summary>
internal abstract class HubTarget : IAsyncDisposable
{
    protected HubTarget(ServerProcess server)
    {
        Server = server;
    }

    public abstract string Name { get; }

    public ServerProcess Server { get; }

    /// <summary>The stream every client of the fan-out scenario opens.</summary>
    public abstract string FanOutPath { get; }

    /// <summary>The stream that opens a connection of its own (its first event names it).</summary>
    public abstract string ConnectionPath { get; }

    /// <summary>Publishes events, in order, to every fan-out stream; each is the event's JSON data.</summary>
    public abstract Task BroadcastAsync(params byte[][] events);

    public abstract Task PublishAsync(string connectionId, byte[] data);

    public static string ConnectionId(SseClient client) =>
        JsonDocument.Parse(client.FirstData).RootElement.GetProperty("connection_id").GetString()!;

    public virtual async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// JobStream in Release with a real redis-server, or a Redis Cluster of 3 primaries; events are published
/// to Redis as any producer would (docs/redis-contract.md): PUBLISH to the one server, SPUBLISH to the
/// primary that owns the channel's slot on the cluster.
/// </summary>
internal sealed class JobStreamTarget : HubTarget
{
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes($$"""{"event":"{{BenchEvent.Name}}","data":""");
    private readonly IAsyncDisposable _redis;
    private readonly Func<string, RedisPublisher> _publisherFor;
    private readonly IDisposable _publishers;
    private readonly string _token = BenchmarkTokens.For("bench");

    private JobStreamTarget(ServerProcess server, IAsyncDisposable redis, Func<string, RedisPublisher> publisherFor, IDisposable publishers, bool cluster)
        : base(server)
    {
        _redis = redis;
        _publisherFor = publisherFor;
        _publishers = publishers;
        Name = cluster ? "JobStream (cluster)" : "JobStream";
    }

    public override string Name { get; }

    public override string FanOutPath => "/events";

    public override string ConnectionPath => $"/api/v1/stream?token={_token}";

    public static async Task<JobStreamTarget> StartAsync(string repository, bool cluster = false)
    {
        IAsyncDisposable redis = cluster ? await RedisCluster.StartAsync(primaries: 3, replicasEach: 0) : await RedisServer.StartAsync();
        var configuration = redis is RedisCluster nodes ? nodes.Configuration : ((RedisServer)redis).Configuration;
        try
        {
            var api = await ServerProcess.StartApiAsync(repository, new Dictionary<string, string>
            {
                ["Redis__Configuration"] = configuration,
                ["Limits__MaxStreamsPerClient"] = "1000000", // every benchmark stream comes from one address
            });
            var publishers = new Publishers();
            Func<string, RedisPublisher> publisherFor;
            if (redis is RedisServer single)
            {
                var publisher = await RedisPublisher.ConnectAsync(single.Port);
                publishers.Add(publisher);
                publisherFor = _ => publisher;
            }
            else
            {
                // One socket per primary; a channel's messages go to the primary that owns its slot.
                var map = await ConnectionMultiplexer.ConnectAsync(configuration);
                publishers.Add(map);
                var byPort = new Dictionary<int, RedisPublisher>();
                foreach (var server in map.GetServers().Where(server => !server.IsReplica))
                {
                    var port = ((IPEndPoint)server.EndPoint).Port;
                    byPort[port] = await RedisPublisher.ConnectAsync(port, "SPUBLISH");
                    publishers.Add(byPort[port]);
                }
                var slots = map.GetServers()[0].ClusterConfiguration ?? throw new InvalidOperationException("no cluster configuration");
                var cache = new System.Collections.Concurrent.ConcurrentDictionary<string, RedisPublisher>();
                publisherFor = channel => cache.GetOrAdd(channel, name => byPort[((IPEndPoint)slots.GetBySlot(map.HashSlot(name))!.EndPoint!).Port]);
            }
            var target = new JobStreamTarget(api, redis, publisherFor, publishers, cluster);
            await target.WaitForBackplaneAsync();
            return target;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public override Task BroadcastAsync(params byte[][] events)
    {
        var publisher = _publisherFor("broadcast");
        foreach (var data in events)
        {
            publisher.Publish("broadcast", Wrap(data));
        }
        return Task.CompletedTask;
    }

    public override Task PublishAsync(string connectionId, byte[] data)
    {
        var channel = $"stream:{connectionId}";
        _publisherFor(channel).Publish(channel, Wrap(data));
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _publishers.Dispose();
        await _redis.DisposeAsync();
    }

    private static byte[] Wrap(byte[] data) => [.. EventPrefix, .. data, (byte)'}'];

    // /status says when the API's Redis subscriptions are live; publishing before would lose events.
    private Task WaitForBackplaneAsync() =>
        Server.WaitForStatusAsync(status => status.GetProperty("backplane").GetProperty("connected").GetBoolean(), "the Redis backplane connected");

    private sealed class Publishers : List<IDisposable>, IDisposable
    {
        public void Dispose() => ForEach(item => item.Dispose());
    }
}

/// <summary>The baseline server; events are written to its publishing socket in the form it sends them on.</summary>
internal sealed class BaselineTarget : HubTarget
{
    private readonly Socket _publisher;
    private readonly Lock _writing = new();

    private BaselineTarget(ServerProcess server, Socket publisher)
        : base(server)
    {
        _publisher = publisher;
    }

    public override string Name => "baseline";

    public override string FanOutPath => "/events";

    public override string ConnectionPath => "/stream";

    public static async Task<BaselineTarget> StartAsync()
    {
        var publishPort = TestServers.Loopback.FreePort();
        var server = await ServerProcess.StartBaselineAsync(publishPort);
        var publisher = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await publisher.ConnectAsync(IPAddress.Loopback, publishPort);
        return new BaselineTarget(server, publisher);
    }

    // The same envelope JobStream's /events writes around an event's data.
    public override Task BroadcastAsync(params byte[][] events)
    {
        var lines = new List<byte>();
        foreach (var data in events)
        {
            lines.AddRange(Encoding.UTF8.GetBytes($$"""broadcast - {"event":"{{BenchEvent.Name}}","timestamp":"{{DateTimeOffset.UtcNow:O}}","data":"""));
            lines.AddRange(data);
            lines.AddRange("}\n"u8);
        }
        Send([.. lines]);
        return Task.CompletedTask;
    }

    public override Task PublishAsync(string connectionId, byte[] data)
    {
        Send([.. Encoding.UTF8.GetBytes($"{connectionId} {BenchEvent.Name} "), .. data, (byte)'\n']);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        _publisher.Dispose();
        await base.DisposeAsync();
    }

    private void Send(byte[] bytes)
    {
        lock (_writing)
        {
            _publisher.Send(bytes);
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using JobStream.TestServers;

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

/// <summary>JobStream in Release with a real redis-server; events are PUBLISHed to Redis as any producer would (docs/redis-contract.md).</summary>
internal sealed class JobStreamTarget : HubTarget
{
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes($$"""{"event":"{{BenchEvent.Name}}","data":""");
    private readonly RedisServer _redis;
    private readonly RedisPublisher _publisher;
    private readonly string _token = BenchmarkTokens.For("bench");

    private JobStreamTarget(ServerProcess server, RedisServer redis, RedisPublisher publisher)
        : base(server)
    {
        _redis = redis;
        _publisher = publisher;
    }

    public override string Name => "JobStream";

    public override string FanOutPath => "/events";

    public override string ConnectionPath => $"/api/v1/stream?token={_token}";

    public static async Task<JobStreamTarget> StartAsync(string repository)
    {
        var redis = await RedisServer.StartAsync();
        try
        {
            var api = await ServerProcess.StartApiAsync(repository, new Dictionary<string, string>
            {
                ["Redis__Configuration"] = redis.Configuration,
                ["Limits__MaxStreamsPerClient"] = "1000000", // every benchmark stream comes from one address
            });
            var target = new JobStreamTarget(api, redis, await RedisPublisher.ConnectAsync(redis.Port));
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
        foreach (var data in events)
        {
            _publisher.Publish("broadcast", Wrap(data));
        }
        return Task.CompletedTask;
    }

    public override Task PublishAsync(string connectionId, byte[] data)
    {
        _publisher.Publish($"stream:{connectionId}", Wrap(data));
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _publisher.Dispose();
        await _redis.DisposeAsync();
    }

    private static byte[] Wrap(byte[] data) => [.. EventPrefix, .. data, (byte)'}'];

    // /status says when the API's Redis subscriptions are live; publishing before would lose events.
    private Task WaitForBackplaneAsync() =>
        Server.WaitForStatusAsync(status => status.GetProperty("backplane").GetProperty("connected").GetBoolean(), "the Redis backplane connected");
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

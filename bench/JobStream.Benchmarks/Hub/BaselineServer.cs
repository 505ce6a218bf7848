using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// What JobStream's streams are measured against: a minimal Kestrel app that writes the same events
/// with .NET 10's built-in SSE result, with no MVC, no dispatcher, no Redis, no authentication and no
/// limits. Events are handed to it over a plain TCP socket, one line each, <c>{topic} {event|-} {data}</c>
/// (the cheapest way in: no parsing beyond the line), and it writes the data unchanged to every stream
/// of the topic (<c>broadcast</c> for /events, or a connection id).
/// </summary>
internal static class BaselineServer
{
    public static async Task RunAsync(string[] args)
    {
        var publishPort = int.Parse(args[Array.IndexOf(args, "--publish-port") + 1], CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var topics = new Topics();

        app.MapGet("/health", () => "ok");
        // The runtime counters JobStream's /status reports, so the benchmark reads both the same way.
        app.MapGet("/status", () => new Dictionary<string, object>
        {
            ["open_streams"] = topics.OpenStreams,
            ["runtime"] = new Dictionary<string, object>
            {
                ["gc_pause_ms"] = GC.GetTotalPauseDuration().TotalMilliseconds,
                ["gen0_collections"] = GC.CollectionCount(0),
                ["gen1_collections"] = GC.CollectionCount(1),
                ["gen2_collections"] = GC.CollectionCount(2),
                ["allocated_bytes"] = GC.GetTotalAllocatedBytes(precise: false),
                ["committed_bytes"] = GC.GetGCMemoryInfo().TotalCommittedBytes,
                ["heap_bytes"] = GC.GetTotalMemory(forceFullCollection: false),
            },
        });
        app.MapGet("/events", (CancellationToken aborted) =>
            TypedResults.ServerSentEvents(topics.Read("broadcast", """{"event":"connected"}""", null, aborted)));
        app.MapGet("/stream", (CancellationToken aborted) =>
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            return TypedResults.ServerSentEvents(topics.Read(id, $$"""{"connection_id":"{{id}}"}""", "connected", aborted));
        });
        var publishing = Task.Run(() => ReceivePublishedAsync(publishPort, topics, app.Lifetime.ApplicationStopping));
        await app.RunAsync();
        await publishing;
    }

    private static async Task ReceivePublishedAsync(int port, Topics topics, CancellationToken stopping)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stopping);
                _ = Task.Run(async () =>
                {
                    using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: true));
                    while (await reader.ReadLineAsync(stopping) is { } line)
                    {
                        var parts = line.Split(' ', 3);
                        topics.Publish(parts[0], new SseItem<string>(parts[2], parts[1] == "-" ? null : parts[1]));
                    }
                }, stopping);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class Topics
    {
        private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, ChannelWriter<SseItem<string>>>> _topics = new();
        private long _nextSubscriber;
        private int _openStreams;

        public int OpenStreams => Volatile.Read(ref _openStreams);

        public int Publish(string topic, SseItem<string> item)
        {
            if (!_topics.TryGetValue(topic, out var subscribers))
            {
                return 0;
            }
            foreach (var (_, writer) in subscribers)
            {
                writer.TryWrite(item);
            }
            return subscribers.Count;
        }

        public async IAsyncEnumerable<SseItem<string>> Read(string topic, string connected, string? connectedName, [EnumeratorCancellation] CancellationToken aborted)
        {
            var channel = Channel.CreateUnbounded<SseItem<string>>(new UnboundedChannelOptions { SingleReader = true });
            var id = Interlocked.Increment(ref _nextSubscriber);
            _topics.GetOrAdd(topic, _ => new())[id] = channel.Writer;
            Interlocked.Increment(ref _openStreams);
            try
            {
                yield return new SseItem<string>(connected, connectedName);
                await foreach (var item in channel.Reader.ReadAllAsync(aborted))
                {
                    yield return item;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _openStreams);
                if (_topics.TryGetValue(topic, out var subscribers))
                {
                    subscribers.TryRemove(id, out _);
                }
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using JobStream.TestServers;
using StackExchange.Redis;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// Delivery across reconnects (docs/benchmarks.md, "Delivery"): a producer publishes numbered events to
/// one connection while its client cuts the connection at even intervals and comes back with
/// Last-Event-ID on the other of two JobStream instances sharing a Redis. Run twice in the same
/// session: the baseline publishes with a plain PUBLISH (the contract before the Redis Functions), then
/// through <c>jobstream_publish</c>. Reported: events lost and received twice, the time from a
/// reconnect's request to its first replayed event, and what a publish costs (sequential round trips
/// from one client, FCALL against PUBLISH).
/// </summary>
internal static class DeliveryBenchmark
{
    public static async Task RunAsync(string repository, bool quick)
    {
        var events = quick ? 5_000 : 20_000;
        var reconnects = quick ? 10 : 40;
        var perSecond = 4_000;
        Console.WriteLine();
        Console.WriteLine($"Delivery: {events:N0} numbered events at {perSecond:N0}/s to one connection, {reconnects} reconnects alternating two instances");

        await using var redis = await RedisServer.StartAsync();
        await using var instances = await StartInstancesAsync(repository, redis.Configuration);
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        foreach (var guaranteed in new[] { false, true })
        {
            var result = await RunOnceAsync(instances.Addresses, multiplexer.GetDatabase(), guaranteed, events, reconnects, perSecond);
            Console.WriteLine(
                $"  {(guaranteed ? "jobstream_publish (FCALL)" : "baseline: plain PUBLISH"),-28} lost {result.Lost,6:N0}   twice {result.Twice,4:N0}   " +
                $"resume p50 {result.ResumeP50.TotalMilliseconds,5:0.0} ms, p95 {result.ResumeP95.TotalMilliseconds,5:0.0} ms, max {result.ResumeMax.TotalMilliseconds,5:0.0} ms");
        }

        var cost = await PublishCostAsync(multiplexer.GetDatabase(), quick ? 5_000 : 20_000);
        Console.WriteLine($"  publish cost, one client, sequential: PUBLISH {cost.Publish:N0}/s, FCALL jobstream_publish {cost.Function:N0}/s ({cost.Function / cost.Publish:0.00}x)");
    }

    /// <summary>The two instances a delivery run alternates between, sharing one Redis, once their backplanes deliver.</summary>
    internal static async Task<Instances> StartInstancesAsync(string repository, string redisConfiguration)
    {
        var settings = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redisConfiguration,
            ["Hub__HistoryLength"] = "50000",
            ["Limits__MaxStreamsPerClient"] = "1000",
        };
        var servers = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                servers.Add(await ServerProcess.StartApiAsync(repository, settings));
                await servers[^1].WaitForStatusAsync(status => status.GetProperty("backplane").GetProperty("connected").GetBoolean(), "the backplane connected");
            }
            return new Instances(servers);
        }
        catch
        {
            await new Instances(servers).DisposeAsync();
            throw;
        }
    }

    internal sealed class Instances(IReadOnlyList<ServerProcess> servers) : IAsyncDisposable
    {
        public Uri[] Addresses => [.. servers.Select(server => server.Address)];

        public async ValueTask DisposeAsync()
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    internal static async Task<(int Lost, int Twice, TimeSpan ResumeP50, TimeSpan ResumeP95, TimeSpan ResumeMax)> RunOnceAsync(
        Uri[] instances, IDatabase redis, bool guaranteed, int events, int reconnects, int perSecond)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var token = BenchmarkTokens.For("delivery");
        string connectionId;
        string last;
        using (var first = await OpenAsync(http, instances[0], token, lastEventId: null))
        {
            connectionId = JsonDocument.Parse(first.Connected.Data).RootElement.GetProperty("connection_id").GetString()!;
            last = first.Connected.EventId!;
        }

        var publishing = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            for (var n = 0; n < events; n++)
            {
                var data = $$"""{"n":{{n}}}""";
                if (guaranteed)
                {
                    await redis.ExecuteAsync("FCALL", "jobstream_publish", 3, (RedisKey)$"jobstream:{{stream:{connectionId}}}:history",
                        (RedisKey)$"jobstream:{{stream:{connectionId}}}:connection", (RedisKey)$"jobstream:{{stream:{connectionId}}}:once", connectionId, "numbered", data);
                }
                else
                {
                    await redis.PublishAsync(RedisChannel.Literal($"stream:{connectionId}"), $$"""{"event":"numbered","data":{{data}}}""");
                }
                var ahead = TimeSpan.FromSeconds((n + 1) / (double)perSecond) - clock.Elapsed;
                if (ahead > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(ahead);
                }
            }
        });

        var seen = new HashSet<int>();
        var twice = 0;
        var resumes = new List<TimeSpan>();
        var cutEvery = events / (reconnects + 1);
        var received = 0;
        for (var session = 0; ; session++)
        {
            var started = Stopwatch.GetTimestamp();
            using var stream = await OpenAsync(http, instances[session % instances.Length], token, last, connectionId);
            var firstInSession = true;
            var cutAt = session < reconnects ? (session + 1) * cutEvery : int.MaxValue;
            var done = false;
            while (received < cutAt)
            {
                // Once the producer is done, a second more for what is still on its way, then the end.
                var next = stream.Events.MoveNextAsync().AsTask();
                var patience = publishing.IsCompleted ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
                if (await Task.WhenAny(next, Task.Delay(patience)) != next || !await next)
                {
                    done = true;
                    break;
                }
                var item = stream.Events.Current;
                if (item.EventType != "numbered")
                {
                    continue;
                }
                if (firstInSession && session > 0)
                {
                    resumes.Add(Stopwatch.GetElapsedTime(started));
                }
                firstInSession = false;
                var n = JsonDocument.Parse(item.Data).RootElement.GetProperty("n").GetInt32();
                if (!seen.Add(n))
                {
                    twice++;
                }
                received++;
                last = item.EventId ?? last;
            }
            if (done && publishing.IsCompleted)
            {
                break;
            }
        }
        await publishing;
        resumes.Sort();
        TimeSpan At(double share) => resumes.Count == 0 ? TimeSpan.Zero : resumes[Math.Min(resumes.Count - 1, (int)(resumes.Count * share))];
        return (events - seen.Count, twice, At(0.5), At(0.95), resumes.Count == 0 ? TimeSpan.Zero : resumes[^1]);
    }

    private static async Task<(double Publish, double Function)> PublishCostAsync(IDatabase redis, int count)
    {
        await redis.HashSetAsync("jobstream:{stream:cost}:connection", "owner", "bench");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await redis.PublishAsync(RedisChannel.Literal("stream:cost"), """{"event":"cost","data":1}""");
        }
        var publish = count / clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            await redis.ExecuteAsync("FCALL", "jobstream_publish", 3, (RedisKey)"jobstream:{stream:cost}:history", (RedisKey)"jobstream:{stream:cost}:connection", (RedisKey)"jobstream:{stream:cost}:once", "cost", "cost", "1");
        }
        return (publish, count / clock.Elapsed.TotalSeconds);
    }

    private static async Task<Session> OpenAsync(HttpClient http, Uri instance, string token, string? lastEventId, string? connectionId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, $"/api/v1/stream?token={token}"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{instance} answered {(int)response.StatusCode}");
        }
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        await events.MoveNextAsync();
        if (connectionId is not null && !events.Current.Data.Contains(connectionId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("resumed on another connection");
        }
        return new Session(response, events, events.Current);
    }

    private sealed class Session(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events, SseItem<string> connected) : IDisposable
    {
        public IAsyncEnumerator<SseItem<string>> Events { get; } = events;

        public SseItem<string> Connected { get; } = connected;

        public void Dispose() => response.Dispose();
    }
}

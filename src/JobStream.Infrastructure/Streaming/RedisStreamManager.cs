using System.Security.Cryptography;
using System.Text;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// The stream hub over Redis. Every instance pattern-subscribes to the producer channels once and
/// delivers what arrives to its own subscribers, so an event published by any instance or any
/// outside process reaches the client wherever it is connected. Connection events are appended to a
/// capped Redis stream (their history) and published by one Lua script, so history and delivery agree.
/// </summary>
public sealed partial class RedisStreamManager(
    RedisConnection redis,
    IOptions<HubOptions> hubOptions,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    ILogger<RedisStreamManager> logger) : IStreamManager, IHostedService, IDisposable
{
    // KEYS: history stream, connection hash. ARGV: channel, event, data JSON, history length, ttl ms.
    private const string PublishToConnection = """
        local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*', 'event', ARGV[2], 'data', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('PUBLISH', ARGV[1], '{"event":' .. cjson.encode(ARGV[2]) .. ',"id":"' .. id .. '","data":' .. ARGV[3] .. '}')
        return id
        """;

    // KEYS: latest-progress key. ARGV: channel, data JSON, ttl ms.
    private const string PublishProgress = """
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('PUBLISH', ARGV[1], '{"event":"progress","data":' .. ARGV[2] .. '}')
        return 'OK'
        """;

    private readonly HubOptions _hub = hubOptions.Value;
    private readonly string _prefix = redisOptions.Value.KeyPrefix;
    private readonly LocalFanOut _fanOut = new(hubOptions.Value.SubscriberQueueCapacity);
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _probeChannel = $"{redisOptions.Value.KeyPrefix}probe:{Guid.NewGuid():N}";
    private volatile bool _subscribed;
    private volatile bool _live;
    private int _stopped;

    /// <summary>
    /// Connected once this instance has received its own probe through its subscriptions since the last
    /// connection failure: after Redis restarts, the client reports a connection before it has
    /// re-subscribed, and a message published in between would be lost.
    /// </summary>
    public StreamBackplaneStatus Status => new("redis", _live && redis.IsConnected);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionLost += () => _live = false;
        // Subscribing needs Redis up; keep trying in the background rather than refuse to start.
        _ = Task.Run(() => SubscribeUntilDoneAsync(_stopping.Token), CancellationToken.None);
        _ = Task.Run(() => ProbeAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    // The host may stop a hosted service after the container has disposed it (seen when a test host
    // shuts down), so stopping and disposing each happen once, in whichever order they come.
    public Task StopAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _stopped, 1) == 0 ? _stopping.CancelAsync() : Task.CompletedTask;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
        }
        _stopping.Dispose();
    }

    public async Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken)
    {
        var connection = new StreamConnection(InMemoryStreamManager.NewConnectionId(), owner, clock.GetUtcNow());
        await redis.HashSetAsync(
            ConnectionKey(connection.Id),
            new Dictionary<string, string> { ["owner"] = owner, ["created_at"] = connection.CreatedAt.ToString("O") },
            Ttl());
        return connection;
    }

    public async Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken)
    {
        var fields = await redis.HashGetAllAsync(ConnectionKey(connectionId));
        if (!fields.TryGetValue("owner", out var owner))
        {
            return null;
        }
        _ = DateTimeOffset.TryParse(fields.GetValueOrDefault("created_at"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var created);
        return new StreamConnection(connectionId, owner, created);
    }

    public async Task PublishAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureEventName(eventName);
        var channel = StreamChannels.For(topic);
        var json = Encoding.UTF8.GetString(data.Utf8.Span);
        if (topic.Kind == StreamTopicKind.Connection && _hub.HistoryLength > 0)
        {
            await redis.EvaluateAsync(
                PublishToConnection,
                [HistoryKey(topic.Key), ConnectionKey(topic.Key)],
                [channel, eventName, json, _hub.HistoryLength, (long)Ttl().TotalMilliseconds]);
            return;
        }
        await redis.PublishAsync(channel, Encoding.UTF8.GetBytes($"{{\"event\":\"{eventName}\",\"data\":{json}}}"));
    }

    public IStreamSubscription Subscribe(StreamTopic topic) => _fanOut.Subscribe(topic);

    public async Task<IReadOnlyList<StreamMessage>> ReadHistoryAsync(string connectionId, string? afterId, CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync("XRANGE", HistoryKey(connectionId), afterId is null ? "-" : "(" + afterId, "+");
        var messages = new List<StreamMessage>();
        foreach (var entry in reply.Items ?? [])
        {
            var id = entry.Items![0].Text!;
            var fields = entry.Items[1].Items!;
            string? name = null;
            byte[]? data = null;
            for (var i = 0; i + 1 < fields.Count; i += 2)
            {
                switch (fields[i].Text)
                {
                    case "event":
                        name = fields[i + 1].Text;
                        break;
                    case "data":
                        data = fields[i + 1].Bulk;
                        break;
                }
            }
            if (name is not null && data is not null)
            {
                messages.Add(new StreamMessage(name, JsonPayload.From(System.Text.Json.JsonDocument.Parse(data).RootElement), id));
            }
        }
        return messages;
    }

    public Task PublishProgressAsync(string userId, JsonPayload progress, CancellationToken cancellationToken) =>
        redis.EvaluateAsync(
            PublishProgress,
            [ProgressKey(userId)],
            [StreamChannels.For(StreamTopic.UserProgress(userId)), Encoding.UTF8.GetString(progress.Utf8.Span), _hub.ProgressTtlSeconds * 1000L]);

    public async Task<JsonPayload?> GetProgressAsync(string userId, CancellationToken cancellationToken)
    {
        var stored = await redis.GetAsync(ProgressKey(userId));
        if (stored is null)
        {
            return null;
        }
        try
        {
            return JsonPayload.From(System.Text.Json.JsonDocument.Parse(stored).RootElement);
        }
        catch (System.Text.Json.JsonException)
        {
            LogDropped(ProgressKey(userId), "stored progress is not valid JSON");
            return null;
        }
    }

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) => redis.DeleteAsync(ProgressKey(userId));

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => _fanOut.Counts();

    private string ProgressKey(string userId) => $"{_prefix}progress:{userId}";

    private string ConnectionKey(string connectionId) => $"{_prefix}connection:{connectionId}";

    private string HistoryKey(string connectionId) => $"{_prefix}history:{connectionId}";

    private TimeSpan Ttl() => TimeSpan.FromSeconds(_hub.ConnectionTtlSeconds);

    private async Task SubscribeUntilDoneAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await redis.SubscribeAsync(StreamChannels.ConnectionPattern, OnMessage);
                await redis.SubscribeAsync(StreamChannels.ProgressPattern, OnMessage);
                await redis.SubscribeAsync(StreamChannels.Broadcast, OnMessage);
                await redis.SubscribeAsync(_probeChannel, (_, _) => _live = true);
                _subscribed = true;
                LogSubscribed();
                return;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogSubscribeFailed(ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, clock, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    // While not known to be live, publish a probe to ourselves every 100 ms; its arrival proves the
    // subscriptions work again.
    private async Task ProbeAsync(CancellationToken stopping)
    {
        var probe = "probe"u8.ToArray();
        while (!stopping.IsCancellationRequested)
        {
            if (_subscribed && !_live)
            {
                try
                {
                    await redis.PublishAsync(_probeChannel, probe);
                }
                catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
                {
                    // Still away; the next round tries again.
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_live ? 1000 : 100), clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnMessage(string channel, byte[] payload)
    {
        if (!StreamChannels.TryParse(channel, out var topic))
        {
            return;
        }
        if (!_fanOut.HasSubscribers(topic))
        {
            return; // not for a client of this instance: skip the parsing
        }
        if (!PublishedPayload.TryRead(payload, _hub.MaxPayloadBytes, out var message, out var problem))
        {
            LogDropped(channel, problem);
            return;
        }
        _fanOut.Deliver(topic, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channels stream:*, progress:* and broadcast")]
    private partial void LogSubscribed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to Redis failed ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogSubscribeFailed(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Problem}")]
    private partial void LogDropped(string channel, string problem);
}

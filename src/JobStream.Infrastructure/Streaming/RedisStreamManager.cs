using System.Text;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// The stream hub over Redis. Every instance pattern-subscribes to the producer channels once and
/// delivers what arrives to its own subscribers, so an event published by any instance or any
/// outside process reaches the client wherever it is connected. Connection events are appended to a
/// capped Redis stream (their history) and published by one Lua script, so history and delivery agree.
/// Subscriptions are message queues, so each channel's messages are handled in publication order.
/// </summary>
public sealed partial class RedisStreamManager(
    IConnectionMultiplexer redis,
    IOptions<HubOptions> hubOptions,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    JobStreamMetrics metrics,
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
    private readonly LocalFanOut _fanOut = new(hubOptions.Value.SubscriberQueueCapacity, metrics.SlowClientDisconnected);
    private readonly CancellationTokenSource _stopping = new();
    private readonly RedisChannel _probeChannel = RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}probe:{Guid.NewGuid():N}");
    private readonly List<ChannelMessageQueue> _queues = [];
    private volatile bool _subscribed;
    private volatile bool _live;
    private long _lastProbeTicks;
    private Task _loops = Task.CompletedTask;
    private int _stopped;

    /// <summary>
    /// Connected while this instance keeps receiving its own probe through its subscriptions: after
    /// Redis restarts, the client reports a connection before it has re-subscribed, and a message
    /// published in between would be lost; a subscription that died silently shows here too.
    /// </summary>
    public StreamBackplaneStatus Status => new("redis", _live && redis.IsConnected);

    private IDatabase Database => redis.GetDatabase();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += (_, _) => _live = false;
        // Subscribing needs Redis up; keep trying in the background rather than refuse to start.
        _loops = Task.WhenAll(
            Task.Run(() => SubscribeUntilDoneAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => ProbeAsync(_stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    // The host may stop a hosted service after the container has disposed it (seen when a test host
    // shuts down), so stopping and disposing each happen once, in whichever order they come.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stopping.CancelAsync();
            await _loops.WaitAsync(cancellationToken);
        }
    }

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
        var transaction = Database.CreateTransaction();
        _ = transaction.HashSetAsync(ConnectionKey(connection.Id), [new("owner", owner), new("created_at", connection.CreatedAt.ToString("O"))]);
        _ = transaction.KeyExpireAsync(ConnectionKey(connection.Id), Ttl());
        await transaction.ExecuteAsync();
        return connection;
    }

    public async Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken)
    {
        var fields = await Database.HashGetAsync(ConnectionKey(connectionId), ["owner", "created_at"]);
        if (fields[0].IsNull)
        {
            return null;
        }
        _ = DateTimeOffset.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var created);
        return new StreamConnection(connectionId, fields[0]!, created);
    }

    public async Task PublishAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureEventName(eventName);
        PublishedPayload.EnsureSize(data, _hub.MaxPayloadBytes);
        metrics.Published(topic.Kind);
        var channel = StreamChannels.For(topic);
        var json = Encoding.UTF8.GetString(data.Utf8.Span);
        if (topic.Kind == StreamTopicKind.Connection && _hub.HistoryLength > 0)
        {
            await Database.ScriptEvaluateAsync(
                PublishToConnection,
                [HistoryKey(topic.Key), ConnectionKey(topic.Key)],
                [channel, eventName, json, _hub.HistoryLength, (long)Ttl().TotalMilliseconds]);
            return;
        }
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), Encoding.UTF8.GetBytes($"{{\"event\":\"{eventName}\",\"data\":{json}}}"));
    }

    public IStreamSubscription Subscribe(StreamTopic topic) => _fanOut.Subscribe(topic);

    public async Task<IReadOnlyList<StreamMessage>> ReadHistoryAsync(string connectionId, string? afterId, CancellationToken cancellationToken)
    {
        // "(" makes the range start after the id the client last saw (Redis 6.2 and later).
        var entries = await Database.StreamRangeAsync(HistoryKey(connectionId), minId: afterId is null ? "-" : "(" + afterId, maxId: "+");
        var messages = new List<StreamMessage>(entries.Length);
        foreach (var entry in entries)
        {
            var name = entry["event"];
            var data = entry["data"];
            if (!name.IsNull && !data.IsNull)
            {
                messages.Add(new StreamMessage(name!, JsonPayload.From(JsonDocument.Parse((ReadOnlyMemory<byte>)data).RootElement), entry.Id!));
            }
        }
        return messages;
    }

    public Task PublishProgressAsync(string userId, JsonPayload progress, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureSize(progress, _hub.MaxPayloadBytes);
        metrics.Published(StreamTopicKind.UserProgress);
        return Database.ScriptEvaluateAsync(
            PublishProgress,
            [ProgressKey(userId)],
            [StreamChannels.For(StreamTopic.UserProgress(userId)), Encoding.UTF8.GetString(progress.Utf8.Span), _hub.ProgressTtlSeconds * 1000L]);
    }

    public async Task<JsonPayload?> GetProgressAsync(string userId, CancellationToken cancellationToken)
    {
        var stored = await Database.StringGetAsync(ProgressKey(userId));
        if (stored.IsNull)
        {
            return null;
        }
        try
        {
            return JsonPayload.From(JsonDocument.Parse((ReadOnlyMemory<byte>)stored).RootElement);
        }
        catch (JsonException)
        {
            LogDropped(ProgressKey(userId), "stored progress is not valid JSON");
            return null;
        }
    }

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) => Database.KeyDeleteAsync(ProgressKey(userId));

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => _fanOut.Counts();

    private string ProgressKey(string userId) => $"{_prefix}progress:{userId}";

    private string ConnectionKey(string connectionId) => $"{_prefix}connection:{connectionId}";

    private string HistoryKey(string connectionId) => $"{_prefix}history:{connectionId}";

    private TimeSpan Ttl() => TimeSpan.FromSeconds(_hub.ConnectionTtlSeconds);

    private async Task SubscribeUntilDoneAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var subscriber = redis.GetSubscriber();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                foreach (var channel in new[] { RedisChannel.Pattern(StreamChannels.ConnectionPattern), RedisChannel.Pattern(StreamChannels.ProgressPattern), RedisChannel.Literal(StreamChannels.Broadcast) })
                {
                    var queue = await subscriber.SubscribeAsync(channel);
                    queue.OnMessage(message => OnMessage(message.Channel.ToString(), message.Message));
                    _queues.Add(queue);
                }
                var probes = await subscriber.SubscribeAsync(_probeChannel);
                probes.OnMessage(_ =>
                {
                    Interlocked.Exchange(ref _lastProbeTicks, clock.GetTimestamp());
                    _live = true;
                });
                _queues.Add(probes);
                _subscribed = true;
                LogSubscribed();
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                await UnsubscribeAsync();
                LogSubscribeFailed(ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private async Task UnsubscribeAsync()
    {
        foreach (var queue in _queues)
        {
            await queue.UnsubscribeAsync(CommandFlags.FireAndForget);
        }
        _queues.Clear();
    }

    // A probe to ourselves every 100 ms while not known to be live, every second while live: its
    // arrival proves the subscriptions work; three seconds without one means they do not.
    private async Task ProbeAsync(CancellationToken stopping)
    {
        var probe = "probe"u8.ToArray();
        var subscriber = redis.GetSubscriber();
        while (!stopping.IsCancellationRequested)
        {
            if (_subscribed)
            {
                if (_live && clock.GetElapsedTime(Interlocked.Read(ref _lastProbeTicks)) > TimeSpan.FromSeconds(3))
                {
                    _live = false;
                    LogProbeLost();
                }
                try
                {
                    await subscriber.PublishAsync(_probeChannel, probe);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
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

    private void OnMessage(string channel, RedisValue payload)
    {
        if (!StreamChannels.TryParse(channel, out var topic))
        {
            return;
        }
        if (!_fanOut.HasSubscribers(topic))
        {
            return; // not for a client of this instance: skip the parsing
        }
        if (!PublishedPayload.TryRead(((ReadOnlyMemory<byte>)payload).Span, _hub.MaxPayloadBytes, out var message, out var problem))
        {
            metrics.Dropped();
            LogDropped(channel, problem);
            return;
        }
        _fanOut.Deliver(topic, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channels stream:*, progress:* and broadcast")]
    private partial void LogSubscribed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to Redis failed ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogSubscribeFailed(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No probe came back through Redis for 3 s: the backplane is not delivering; waiting for it")]
    private partial void LogProbeLost();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Problem}")]
    private partial void LogDropped(string channel, string problem);
}

using System.Text;
using System.Text.Json;
using JobStream.Application.Errors;
using JobStream.Application.Hosting;
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
/// The stream hub over Redis. Events are published through JobStream's Redis Functions
/// (<see cref="HubFunctions"/>), the same ones outside producers call, which keep each topic's capped
/// history and publish with its id in one step. Every instance pattern-subscribes to the producer
/// channels once and delivers what arrives to its own subscribers, so an event published by any
/// instance or any outside process reaches the client wherever it is connected. Subscriptions are
/// message queues, so each channel's messages are handled in publication order. When the subscription
/// connection fails, subscribers are told (<see cref="StreamMessage.Suspended"/>) and, once this
/// instance receives its own probe again, told that it is back, so they fill the gap from the history.
/// </summary>
public sealed partial class RedisStreamManager(
    IConnectionMultiplexer redis,
    IOptions<HubOptions> hubOptions,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    JobStreamMetrics metrics,
    ILogger<RedisStreamManager> logger) : IStreamBus, IStreamStore, IProgressStore, IHostedService, IDisposable
{
    private readonly HubOptions _hub = hubOptions.Value;
    private readonly HubFunctions _functions = new(redis, hubOptions.Value, redisOptions.Value.KeyPrefix);
    private readonly LocalFanOut _fanOut = new(hubOptions.Value.SubscriberQueueCapacity, metrics.SlowClientDisconnected);
    private readonly StopSignal _stopping = new();
    private readonly RedisChannel _probeChannel = RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}probe:{Guid.NewGuid():N}");
    private readonly List<ChannelMessageQueue> _queues = [];
    private const int MaxUnreadableLogged = 1000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _unreadableLogged = new(StringComparer.Ordinal);
    private volatile bool _subscribed;
    private volatile bool _live;
    private int _suspended;
    private long _lastProbeTicks;
    private Task _loops = Task.CompletedTask;

    /// <summary>
    /// Connected while this instance keeps receiving its own probe through its subscriptions: after
    /// Redis restarts, the client reports a connection before it has re-subscribed, and a message
    /// published in between would be lost; a subscription that died silently shows here too.
    /// </summary>
    public StreamBackplaneStatus Status => new("redis", _live && redis.IsConnected);

    private IDatabase Database => redis.GetDatabase();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        // Subscribing needs Redis up; keep trying in the background rather than refuse to start.
        _loops = Task.WhenAll(
            Task.Run(() => LoadFunctionsUntilDoneAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => SubscribeUntilDoneAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => ProbeAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => KeepConnectionsAliveAsync(_stopping.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    // The host may stop a hosted service after the container has disposed it, or while it does (seen
    // when a test host shuts down): StopSignal makes stopping and disposing each happen once.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.Stop())
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
            await _loops.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        if (_stopping.Stop())
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
        }
        _stopping.Dispose();
    }

    public Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken) => Backplane(async () =>
    {
        var connection = new StreamConnection(InMemoryStreamManager.NewConnectionId(), owner, clock.GetUtcNow());
        var key = _functions.ConnectionKey(connection.Id);
        var transaction = Database.CreateTransaction();
        _ = transaction.HashSetAsync(key, [new("owner", owner), new("created_at", connection.CreatedAt.ToString("O"))]);
        _ = transaction.KeyExpireAsync(key, ConnectionTtl);
        await transaction.ExecuteAsync();
        return connection;
    });

    public Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken) => Backplane(async () =>
    {
        var fields = await Database.HashGetAsync(_functions.ConnectionKey(connectionId), ["owner", "created_at"]);
        if (fields[0].IsNull)
        {
            return null;
        }
        _ = DateTimeOffset.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var created);
        return new StreamConnection(connectionId, fields[0]!, created);
    });

    public Task<string> PublishAsync(StreamTopic topic, string eventName, JsonPayload data, string? onceKey, CancellationToken cancellationToken) => Backplane(async () =>
    {
        PublishedPayload.EnsurePublishable(topic, eventName, data, _hub.MaxPayloadBytes);
        var id = await _functions.PublishAsync(topic, eventName, Encoding.UTF8.GetString(data.Utf8.Span), onceKey);
        metrics.Published(topic.Kind);
        return id;
    });

    public Task PublishTransientAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken) => Backplane(async () =>
    {
        PublishedPayload.EnsureEventName(eventName);
        PublishedPayload.EnsureSize(data, _hub.MaxPayloadBytes);
        metrics.Published(topic.Kind);
        var json = Encoding.UTF8.GetString(data.Utf8.Span);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(StreamChannels.For(topic)), Encoding.UTF8.GetBytes($"{{\"event\":\"{eventName}\",\"data\":{json}}}"));
    });

    public IStreamSubscription Subscribe(StreamTopic topic) => _fanOut.Subscribe(topic);

    public Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken) => Backplane(async () =>
    {
        var key = _functions.HistoryKey(topic);
        var after = afterId ?? StreamEventId.Beginning;
        // One MULTI (not WATCH: producers write to the key all the time), so the range and the newest
        // id trimmed away are of the same moment. XINFO fails on a missing key; EXISTS says when.
        var transaction = Database.CreateTransaction();
        var exists = transaction.KeyExistsAsync(key);
        var info = transaction.StreamInfoAsync(key);
        // "(" makes the range start after the id the client last saw (Redis 6.2 and later); Redis
        // refuses it after the largest id there can be, from which nothing follows anyway.
        var range = transaction.StreamRangeAsync(key, minId: after == StreamEventId.Largest ? after : "(" + after, maxId: "+");
        await transaction.ExecuteAsync();
        if (!await exists)
        {
            await ((Task)info).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // its "no such key", observed
            // Never written, or expired: events after a real id are gone with it.
            return after == StreamEventId.Beginning ? StreamHistory.Empty : new StreamHistory([], Missed: true);
        }
        var stream = await info;
        var trimmed = (string?)stream.MaxDeletedEntryId;
        var messages = new List<StreamMessage>();
        foreach (var entry in await range)
        {
            if (Readable(key, entry) is { } message)
            {
                messages.Add(message);
            }
        }
        // An id the topic never reached (a client's invention, or a history lost with its Redis) cannot
        // be resumed from: the client is told it missed events, as for one trimmed away.
        var unknown = StreamEventId.Compare(after, (string?)stream.LastGeneratedId ?? StreamEventId.Beginning) > 0;
        return new StreamHistory(messages, Missed: unknown || (StreamEventId.IsValid(trimmed) && StreamEventId.Compare(trimmed!, after) > 0));
    });

    // A history entry no instance can read (written past the functions, or with data they let through
    // and .NET does not) is left out of every stream that resumes across it: counted each time, logged
    // once per entry, never the end of a stream.
    private StreamMessage? Readable(string key, StreamEntry entry)
    {
        var name = entry["event"];
        var data = entry["data"];
        string? problem = null;
        if (name.IsNull || data.IsNull || !PublishedPayload.EventName().IsMatch(name.ToString()))
        {
            problem = "no event name or data, or a name no client could be sent";
        }
        else if (!System.Text.Unicode.Utf8.IsValid(((ReadOnlyMemory<byte>)data).Span))
        {
            problem = "its data is not UTF-8";
        }
        else
        {
            try
            {
                return new StreamMessage(name!, JsonPayload.From(JsonDocument.Parse((ReadOnlyMemory<byte>)data, PublishedPayload.DataReading).RootElement), entry.Id!);
            }
            catch (JsonException ex)
            {
                problem = $"its data is not JSON that can be read ({ex.Message})";
            }
        }
        metrics.Dropped();
        if (_unreadableLogged.Count < MaxUnreadableLogged && _unreadableLogged.TryAdd($"{key} {entry.Id}", 0))
        {
            LogDropped($"{key} entry {entry.Id}", problem);
        }
        return null;
    }

    public Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken) => Backplane(async () =>
    {
        var newest = await Database.StreamRangeAsync(_functions.HistoryKey(topic), "-", "+", count: 1, messageOrder: Order.Descending);
        return newest.Length > 0 ? (string?)newest[0].Id : null;
    });

    public Task<LatestProgress?> GetProgressAsync(string userId, CancellationToken cancellationToken) => Backplane(async () =>
    {
        var transaction = Database.CreateTransaction();
        var stored = transaction.StringGetAsync(_functions.ProgressKey(userId));
        var newest = transaction.StreamRangeAsync(_functions.HistoryKey(StreamTopic.UserProgress(userId)), "-", "+", count: 1, messageOrder: Order.Descending);
        await transaction.ExecuteAsync();
        var latest = await stored;
        if (latest.IsNull)
        {
            return null;
        }
        try
        {
            var data = JsonPayload.From(JsonDocument.Parse((ReadOnlyMemory<byte>)latest).RootElement);
            // The id is the newest history entry's when that entry is this state (a plain SET by an
            // outside producer stores a state with no id).
            var entries = await newest;
            var id = entries.Length > 0 && entries[0]["data"] == latest ? (string?)entries[0].Id : null;
            return new LatestProgress(data, id);
        }
        catch (JsonException)
        {
            LogDropped(_functions.ProgressKey(userId), "stored progress is not valid JSON");
            return null;
        }
    });

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) => Backplane(async () =>
    {
        var topic = StreamTopic.UserProgress(userId);
        var transaction = Database.CreateTransaction();
        var existed = transaction.KeyDeleteAsync(_functions.ProgressKey(userId));
        _ = transaction.KeyDeleteAsync([_functions.HistoryKey(topic), _functions.OnceKey(topic)]);
        await transaction.ExecuteAsync();
        return await existed;
    });

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => _fanOut.Counts();

    // Redis unreachable on a request's path: a 503 the client retries, not a 500.
    private static async Task<T> Backplane<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or TimeoutException)
        {
            throw new BackplaneUnavailableException(ex);
        }
    }

    private static Task Backplane(Func<Task> call) => Backplane(async () =>
    {
        await call();
        return true;
    });

    private TimeSpan ConnectionTtl => TimeSpan.FromSeconds(_hub.ConnectionTtlSeconds);

    private async Task LoadFunctionsUntilDoneAsync(CancellationToken stopping)
    {
        string? lastProblem = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _functions.LoadAsync();
                LogFunctionsLoaded();
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (ex.Message != lastProblem)
                {
                    LogFunctionsNotLoaded(ex.Message);
                    lastProblem = ex.Message;
                }
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        _live = false;
        // Events published from now until the subscription is back may not arrive: subscribers hold
        // on and fill the gap from the history once it is.
        // (Over RESP3 one connection carries commands and subscriptions alike, so either kind counts.)
        if (_subscribed && Interlocked.Exchange(ref _suspended, 1) == 0)
        {
            _fanOut.DeliverToAll(StreamMessage.Suspended);
        }
    }

    // Redis may have come back empty (a restart without persistence), without the functions.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            _ = Task.Run(() => LoadFunctionsUntilDoneAsync(_stopping.Token), CancellationToken.None);
        }
    }

    // While a client is on a connection, its records do not expire: every quarter of their time to
    // live, this instance restarts it for the connections its clients are on.
    private async Task KeepConnectionsAliveAsync(CancellationToken stopping)
    {
        var every = TimeSpan.FromSeconds(Math.Max(5, _hub.ConnectionTtlSeconds / 4));
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                var batch = Database.CreateBatch();
                var pending = new List<Task>();
                foreach (var id in _fanOut.SubscribedKeys(StreamTopicKind.Connection))
                {
                    var topic = StreamTopic.Connection(id);
                    pending.Add(batch.KeyExpireAsync(_functions.ConnectionKey(id), ConnectionTtl));
                    pending.Add(batch.KeyExpireAsync(_functions.HistoryKey(topic), ConnectionTtl));
                    pending.Add(batch.KeyExpireAsync(_functions.OnceKey(topic), ConnectionTtl));
                }
                batch.Execute();
                await Task.WhenAll(pending);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogKeepAliveFailed(ex.Message);
            }
        }
    }

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
                    if (Interlocked.Exchange(ref _suspended, 0) == 1)
                    {
                        LogResubscribed();
                        _fanOut.DeliverToAll(StreamMessage.Resubscribed);
                    }
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
                    if (Interlocked.Exchange(ref _suspended, 1) == 0)
                    {
                        _fanOut.DeliverToAll(StreamMessage.Suspended);
                    }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the jobstream Redis Function library")]
    private partial void LogFunctionsLoaded();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the jobstream Redis Function library failed ({Reason}); retrying every second")]
    private partial void LogFunctionsNotLoaded(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Redis subscription is back: streams fill what they missed from the history")]
    private partial void LogResubscribed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping connections alive in Redis failed ({Reason}); retrying next round")]
    private partial void LogKeepAliveFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Problem}")]
    private partial void LogDropped(string channel, string problem);
}

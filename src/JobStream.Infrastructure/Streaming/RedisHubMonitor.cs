using JobStream.Application.Hosting;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Owns every loop of the Redis hub and stops them all, awaited: it loads the function library (at start,
/// and again when Redis comes back, since a restart without persistence loses it), pattern-subscribes once
/// to the producer channels and hands what arrives to this instance's subscribers in publication order,
/// probes its own subscription (a message to itself every second; three seconds without one and the
/// subscribers are told the backplane is suspended, then told when it is back so they fill the gap from
/// the history), and restarts the time to live of the connections its clients are on.
/// </summary>
public sealed partial class RedisHubMonitor(
    IConnectionMultiplexer redis,
    HubFunctions functions,
    LocalFanOut fanOut,
    IOptions<HubOptions> hubOptions,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    JobStreamMetrics metrics,
    ILogger<RedisHubMonitor> logger) : IHostedService, IDisposable
{
    private readonly HubOptions _hub = hubOptions.Value;
    private readonly StopSignal _stopping = new();
    private readonly RedisChannel _probeChannel = RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}probe:{Guid.NewGuid():N}");
    private readonly List<ChannelMessageQueue> _queues = [];
    private readonly List<Task> _reloads = [];
    private volatile bool _subscribed;
    private volatile bool _live;
    private int _suspended;
    private long _lastProbeTicks;
    private Task _loops = Task.CompletedTask;

    /// <summary>
    /// Delivering while this instance keeps receiving its own probe through its subscriptions: after
    /// Redis restarts, the client reports a connection before it has re-subscribed, and a message
    /// published in between would be lost; a subscription that died silently shows here too.
    /// </summary>
    public bool IsLive => _live && redis.IsConnected;

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
            Task[] reloads;
            lock (_reloads)
            {
                reloads = [.. _reloads];
            }
            await Task.WhenAll([_loops, .. reloads]).WaitAsync(cancellationToken);
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

    private TimeSpan ConnectionTtl => TimeSpan.FromSeconds(_hub.ConnectionTtlSeconds);

    private async Task LoadFunctionsUntilDoneAsync(CancellationToken stopping)
    {
        string? lastProblem = null;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await functions.LoadAsync();
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
            fanOut.DeliverToAll(StreamMessage.Suspended);
        }
    }

    // Redis may have come back empty (a restart without persistence), without the functions. The
    // reload is this monitor's like its other loops: stopping waits for it.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive && !_stopping.IsStopping)
        {
            lock (_reloads)
            {
                _reloads.RemoveAll(reload => reload.IsCompleted);
                _reloads.Add(Task.Run(() => LoadFunctionsUntilDoneAsync(_stopping.Token), CancellationToken.None));
            }
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
                var batch = redis.GetDatabase().CreateBatch();
                var pending = new List<Task>();
                foreach (var id in fanOut.SubscribedKeys(StreamTopicKind.Connection))
                {
                    var topic = StreamTopic.Connection(id);
                    pending.Add(batch.KeyExpireAsync(functions.ConnectionKey(id), ConnectionTtl));
                    pending.Add(batch.KeyExpireAsync(functions.HistoryKey(topic), ConnectionTtl));
                    pending.Add(batch.KeyExpireAsync(functions.OnceKey(topic), ConnectionTtl));
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
                        fanOut.DeliverToAll(StreamMessage.Resubscribed);
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
                        fanOut.DeliverToAll(StreamMessage.Suspended);
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
        if (!fanOut.HasSubscribers(topic))
        {
            return; // not for a client of this instance: skip the parsing
        }
        if (!PublishedPayload.TryRead(((ReadOnlyMemory<byte>)payload).Span, _hub.MaxPayloadBytes, out var message, out var problem))
        {
            metrics.Dropped();
            LogDropped(channel, problem);
            return;
        }
        fanOut.Deliver(topic, message);
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

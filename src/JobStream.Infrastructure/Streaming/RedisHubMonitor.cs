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
/// Owns every loop of the Redis hub and stops them all, awaited: it loads the function library on every
/// primary (at start, again when Redis comes back, since a restart without persistence loses it, and when
/// a cluster changes shape), pattern-subscribes once to the producer channels for what producers send with
/// a plain PUBLISH and hands it to <see cref="RedisInbox"/> in publication order (the functions' events
/// come on each topic's sharded channel, which the inbox subscribes while a client here follows it),
/// probes its own subscription (a message to itself every second; three seconds without one and the
/// subscribers are told the backplane is suspended, then told when it is back so they fill the gap from
/// the history, and again a few seconds later while a cluster's shards come back one by one), on a cluster
/// checks every two seconds that each topic's sharded subscription is on the primary that holds it, and restarts the time to live of the connections its clients are on.
/// </summary>
public sealed partial class RedisHubMonitor(
    IConnectionMultiplexer redis,
    HubFunctions functions,
    LocalFanOut fanOut,
    RedisInbox inbox,
    IOptions<HubOptions> hubOptions,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    ILogger<RedisHubMonitor> logger) : IHostedService, IDisposable
{
    /// <summary>When streams read their history again after the backplane came back, from that moment.</summary>
    private static readonly TimeSpan[] RecoverySweeps = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)];

    private readonly HubOptions _hub = hubOptions.Value;
    private readonly StopSignal _stopping = new();
    private readonly RedisChannel _probeChannel = RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}probe:{Guid.NewGuid():N}");
    private readonly List<ChannelMessageQueue> _queues = [];
    private readonly List<Task> _reloads = [];
    private volatile bool _subscribed;
    private volatile bool _live;
    private int _suspended;
    private int _recovering;
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
        redis.ConfigurationChanged += OnConfigurationChanged;
        // Subscribing needs Redis up; keep trying in the background rather than refuse to start.
        _loops = Task.WhenAll(
            Task.Run(() => LoadFunctionsUntilDoneAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => SubscribeUntilDoneAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => ProbeAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => KeepConnectionsAliveAsync(_stopping.Token), CancellationToken.None),
            Task.Run(() => AuditSubscriptionsAsync(_stopping.Token), CancellationToken.None));
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
            redis.ConfigurationChanged -= OnConfigurationChanged;
            Task[] reloads;
            lock (_reloads)
            {
                reloads = [.. _reloads];
            }
            await Task.WhenAll([_loops, inbox.StopAsync(), .. reloads]).WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        if (_stopping.Stop())
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
            redis.ConfigurationChanged -= OnConfigurationChanged;
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
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            Run(() => LoadFunctionsUntilDoneAsync(_stopping.Token));
        }
    }

    // A cluster changed shape (a failover, a node joining, slots moving): the new primaries get the library.
    private void OnConfigurationChanged(object? sender, EndPointEventArgs e) => Run(() => LoadFunctionsUntilDoneAsync(_stopping.Token));

    private void Run(Func<Task> work)
    {
        if (_stopping.IsStopping)
        {
            return;
        }
        lock (_reloads)
        {
            _reloads.RemoveAll(reload => reload.IsCompleted);
            _reloads.Add(Task.Run(work, CancellationToken.None));
        }
    }

    // The backplane is back (this instance's probe came through). On a cluster, once its primaries serve
    // every slot again (after a failover, the client is asked to look at the cluster again until they
    // do), every followed topic is subscribed again on the shard that holds it now. Then the streams read
    // what they missed from the history, and again 2, 5 and 10 seconds later: subscriptions come back on
    // their own time, and an event published before its subscription was back is in the history only
    // (the follower sends each event once, whatever it reads twice).
    private async Task RecoverAsync(CancellationToken stopping)
    {
        try
        {
            if (RedisTopology.IsCluster(redis))
            {
                while (!stopping.IsCancellationRequested)
                {
                    try
                    {
                        await redis.ConfigureAsync();
                    }
                    catch (Exception ex) when (ex is RedisException or TimeoutException)
                    {
                        // Still settling; looked at again below.
                    }
                    if (RedisTopology.ServedSlots(redis) >= RedisTopology.ClusterSlots)
                    {
                        break;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(500), clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                var served = RedisTopology.ServedSlots(redis) ?? 0;
                LogClusterServed(served);
                inbox.ResubscribeAll();
            }
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            Interlocked.Exchange(ref _suspended, 0);
            LogResubscribed();
            fanOut.DeliverToAll(StreamMessage.Resubscribed);
        }
        finally
        {
            Interlocked.Exchange(ref _recovering, 0);
        }
        foreach (var wait in RecoverySweeps)
        {
            await Task.Delay(wait, clock, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stopping.IsCancellationRequested || Volatile.Read(ref _suspended) == 1 || !_live)
            {
                return; // away again: its own recovery reads the histories
            }
            fanOut.DeliverToAll(StreamMessage.Resubscribed);
        }
    }

    // On a cluster, every two seconds: a sharded subscription left on a primary that no longer holds its
    // topic (a failover the client did not follow) is made again where the topic is, and its streams read
    // what they missed. Only in memory while all is well. Every ten seconds, on any Redis: the library is
    // on every primary, or is loaded again where it went missing (FUNCTION FLUSH, a node that restarted
    // empty without this instance losing its connection), so outside producers' calls do not fail.
    private async Task AuditSubscriptionsAsync(CancellationToken stopping)
    {
        for (var tick = 1; !stopping.IsCancellationRequested; tick++)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_live && RedisTopology.IsCluster(redis))
            {
                await inbox.AuditAsync();
            }
            if (tick % 5 == 0)
            {
                await EnsureFunctionsAsync(stopping);
            }
        }
    }

    private async Task EnsureFunctionsAsync(CancellationToken stopping)
    {
        try
        {
            if (await functions.IsLoadedAsync())
            {
                return;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return; // Redis is away: its return reloads the library anyway
        }
        LogFunctionsMissing();
        await LoadFunctionsUntilDoneAsync(stopping);
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
                    queue.OnMessage(message => inbox.Deliver(message.Channel.ToString(), message.Message));
                    _queues.Add(queue);
                }
                var probes = await subscriber.SubscribeAsync(_probeChannel);
                probes.OnMessage(_ =>
                {
                    Interlocked.Exchange(ref _lastProbeTicks, clock.GetTimestamp());
                    _live = true;
                    if (Volatile.Read(ref _suspended) == 1 && Interlocked.Exchange(ref _recovering, 1) == 0)
                    {
                        Run(() => RecoverAsync(_stopping.Token));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to Redis channels stream:*, progress:* and broadcast for plain PUBLISH (topics followed here are subscribed on their shards)")]
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

    [LoggerMessage(Level = LogLevel.Information, Message = "The Redis Cluster's primaries serve {Slots} slots again: subscribing the followed topics on their shards")]
    private partial void LogClusterServed(int slots);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping connections alive in Redis failed ({Reason}); retrying next round")]
    private partial void LogKeepAliveFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The jobstream Redis Function library was missing on a primary; loading it again")]
    private partial void LogFunctionsMissing();
}

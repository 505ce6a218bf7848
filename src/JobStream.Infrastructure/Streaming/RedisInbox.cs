using JobStream.Application.Hosting;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// What arrives from Redis for this instance's clients. Each topic one of them follows is subscribed on
/// its own sharded channel (SSUBSCRIBE, Redis 7): on a cluster the subscription goes to the shard that
/// holds the topic, so an event travels only there, not to every node; a single server treats it as a
/// plain channel. The first client of a topic subscribes it and the last one to leave unsubscribes it.
/// A client that joins a topic whose subscription Redis has not confirmed yet is told the backplane is
/// suspended, and resumed once it is confirmed: it then reads what it missed from the history, so nothing
/// published in between is lost.
/// </summary>
public sealed partial class RedisInbox : IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly LocalFanOut _fanOut;
    private readonly int _maxPayloadBytes;
    private readonly JobStreamMetrics _metrics;
    private readonly ILogger<RedisInbox> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<StreamTopic, Entry> _topics = [];
    private readonly List<Task> _pending = [];
    private readonly StopSignal _stopping = new();

    public RedisInbox(IConnectionMultiplexer redis, LocalFanOut fanOut, int maxPayloadBytes, JobStreamMetrics metrics, ILogger<RedisInbox> logger)
    {
        _redis = redis;
        _fanOut = fanOut;
        _maxPayloadBytes = maxPayloadBytes;
        _metrics = metrics;
        _logger = logger;
        fanOut.TopicEmptied += Release;
    }

    /// <summary>Topics subscribed on their shard right now (for tests and status).</summary>
    public int Subscribed
    {
        get
        {
            lock (_gate)
            {
                return _topics.Values.Count(entry => entry.Ready);
            }
        }
    }

    /// <summary>Makes sure the topic's sharded channel is subscribed, a client of it having just joined.</summary>
    public void Follow(StreamTopic topic)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var entry))
            {
                if (!entry.Ready)
                {
                    _fanOut.Deliver(topic, StreamMessage.Suspended);
                }
                return;
            }
            entry = new Entry();
            _topics[topic] = entry;
            _fanOut.Deliver(topic, StreamMessage.Suspended);
            Track(SubscribeAsync(topic, entry));
        }
    }

    /// <summary>Hands a message that arrived on a channel to this instance's clients of its topic.</summary>
    public void Deliver(string channel, RedisValue payload)
    {
        if (!StreamChannels.TryParse(channel, out var topic) || !_fanOut.HasSubscribers(topic))
        {
            return; // not for a client of this instance: skip the parsing
        }
        if (!PublishedPayload.TryRead(((ReadOnlyMemory<byte>)payload).Span, _maxPayloadBytes, out var message, out var problem))
        {
            _metrics.Dropped();
            LogDropped(channel, problem);
            return;
        }
        _fanOut.Deliver(topic, message);
    }

    /// <summary>
    /// Subscribes every followed topic again, each on the shard that holds it now: after a cluster's
    /// failover a sharded subscription on the primary that died is not moved by the client on its own.
    /// </summary>
    public void ResubscribeAll()
    {
        List<(StreamTopic Topic, Entry Entry, ChannelMessageQueue Queue)> followed;
        lock (_gate)
        {
            followed = [.. _topics.Where(pair => pair.Value.Queue is not null).Select(pair => (pair.Key, pair.Value, pair.Value.Queue!))];
        }
        // Each under way on its own: one whose shard is still settling does not hold the others back.
        foreach (var item in followed)
        {
            Track(SubscribeAgainAsync(item.Topic, item.Entry, item.Queue));
        }
    }

    private bool IsWellPlaced(ISubscriber subscriber, ClusterConfiguration cluster, StreamTopic topic)
    {
        var channel = StreamChannels.For(topic);
        var at = subscriber.SubscribedEndpoint(Channel(topic));
        var owner = cluster.GetBySlot(_redis.HashSlot(channel));
        return at is not null && owner?.EndPoint is { } expected && at.ToString() == expected.ToString() && _redis.GetServer(at).IsConnected;
    }

    // Drops the topic's subscription and makes it again, where the client now routes its slot: meanwhile
    // the topic is not ready (a client joining it is told so), and it is tried until it is subscribed,
    // when its clients read what they missed.
    private async Task<bool> SubscribeAgainAsync(StreamTopic topic, Entry entry, ChannelMessageQueue old)
    {
        await UnsubscribeAsync(old);
        lock (_gate)
        {
            if (!_topics.TryGetValue(topic, out var current) || current != entry)
            {
                return false; // its last client left meanwhile
            }
            entry.Queue = null;
            _fanOut.Deliver(topic, StreamMessage.Suspended);
        }
        await SubscribeAsync(topic, entry);
        return entry.Ready;
    }

    /// <summary>
    /// On a cluster, checks that each followed topic's subscription sits on a connected primary that holds
    /// the topic's slot now, as the client last saw the cluster (clients do not always move a sharded
    /// subscription when its primary fails over). One that does not is subscribed again, and its clients
    /// read what they missed from the history. Returns how many were.
    /// </summary>
    public async Task<int> AuditAsync()
    {
        var servers = _redis.GetServers();
        if (servers.FirstOrDefault(server => server.ServerType == ServerType.Cluster && server.IsConnected)?.ClusterConfiguration is not { } cluster)
        {
            return 0;
        }
        var subscriber = _redis.GetSubscriber();
        List<(StreamTopic Topic, Entry Entry, ChannelMessageQueue Queue)> stale;
        lock (_gate)
        {
            stale = [.. _topics
                .Where(pair => pair.Value.Queue is not null && !IsWellPlaced(subscriber, cluster, pair.Key))
                .Select(pair => (pair.Key, pair.Value, pair.Value.Queue!))];
        }
        if (stale.Count > 0)
        {
            try
            {
                await _redis.ConfigureAsync(); // the client looks at the cluster again, to route the slots where they are now
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Subscribed where the client routes them now; the next audit looks again.
            }
        }
        foreach (var item in stale)
        {
            LogMisplaced(StreamChannels.For(item.Topic));
            Track(SubscribeAgainAsync(item.Topic, item.Entry, item.Queue));
        }
        return stale.Count;
    }

    /// <summary>Stops subscribing and waits for what is under way.</summary>
    public async Task StopAsync()
    {
        _stopping.Stop();
        Task[] pending;
        lock (_pending)
        {
            pending = [.. _pending];
        }
        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private static RedisChannel Channel(StreamTopic topic) => RedisChannel.Sharded(StreamChannels.For(topic));

    // Until Redis confirms it, retrying while it is away; then the topic's clients read what they missed.
    private async Task SubscribeAsync(StreamTopic topic, Entry entry)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!_stopping.IsStopping)
        {
            try
            {
                // A queue, not a handler: it hands messages over one at a time, in the order they came.
                var queue = await _redis.GetSubscriber().SubscribeAsync(Channel(topic));
                queue.OnMessage(message => Deliver(message.Channel.ToString(), message.Message));
                lock (_gate)
                {
                    if (!_topics.TryGetValue(topic, out var current) || current != entry)
                    {
                        // Its last client left meanwhile: the subscription has no one to serve.
                        Track(UnsubscribeAsync(queue));
                        return;
                    }
                    entry.Queue = queue;
                    _fanOut.Deliver(topic, StreamMessage.Resubscribed);
                }
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSubscribeFailed(StreamChannels.For(topic), ex.Message);
                if (RedisTopology.IsCluster(_redis))
                {
                    // Perhaps routed to a primary that has failed over: the client looks at the cluster again.
                    await ((Task)_redis.ConfigureAsync()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                await Task.Delay(delay, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    private void Release(StreamTopic topic)
    {
        lock (_gate)
        {
            if (_fanOut.HasSubscribers(topic) || !_topics.Remove(topic, out var entry))
            {
                return; // a client joined again meanwhile
            }
            if (entry.Queue is { } queue)
            {
                Track(UnsubscribeAsync(queue));
            }
        }
    }

    private static async Task UnsubscribeAsync(ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away: the subscription went with the connection, and it is not restored once
            // unsubscribed here.
        }
    }

    private void Track(Task task)
    {
        lock (_pending)
        {
            _pending.RemoveAll(done => done.IsCompleted);
            _pending.Add(task);
        }
    }

    private sealed class Entry
    {
        /// <summary>Set once Redis has confirmed the subscription.</summary>
        public ChannelMessageQueue? Queue { get; set; }

        public bool Ready => Queue is not null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Problem}")]
    private partial void LogDropped(string channel, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The subscription to {Channel} is not on the primary that holds it now: subscribing it again")]
    private partial void LogMisplaced(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the sharded channel {Channel} failed ({Reason}); retrying")]
    private partial void LogSubscribeFailed(string channel, string reason);
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// The stream hub within one process: the default when no Redis is configured, so the service runs
/// with nothing else installed. It keeps what the Redis hub keeps, the same way (a capped history per
/// topic, ids, once-keys, users' latest progress), so clients see no difference; what it cannot do is
/// outlive the process. A connection is forgotten <see cref="HubOptions.ConnectionTtlSeconds"/> after
/// its last event or the last moment a client was on it; progress <see cref="HubOptions.ProgressTtlSeconds"/>
/// after its last update.
/// </summary>
public sealed class InMemoryStreamManager : IStreamBus, IStreamStore, IProgressStore, IDisposable
{
    private readonly LocalFanOut _fanOut;
    private readonly HubOptions _options;
    private readonly TimeProvider _clock;
    private readonly JobStreamMetrics _metrics;
    private readonly ConcurrentDictionary<string, Kept> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Kept> _progress = new(StringComparer.Ordinal);
    private readonly Kept _broadcast;
    private readonly ITimer _sweeper;
    private readonly Lock _idGate = new();
    private long _lastMilliseconds;
    private long _sequence;

    public InMemoryStreamManager(IOptions<HubOptions> options, TimeProvider clock, JobStreamMetrics metrics)
    {
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _fanOut = new LocalFanOut(_options.SubscriberQueueCapacity, metrics.SlowClientDisconnected);
        _broadcast = new Kept(null, new MemoryHistory(_options.HistoryLength, HubFunctions.OnceLimit(_options)), DateTimeOffset.MaxValue);
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public StreamBackplaneStatus Status { get; } = new("memory", Connected: true);

    public Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken)
    {
        var connection = new StreamConnection(NewConnectionId(), owner, _clock.GetUtcNow());
        _connections[connection.Id] = new Kept(connection, new MemoryHistory(_options.HistoryLength, HubFunctions.OnceLimit(_options)), ConnectionExpiry());
        return Task.FromResult(connection);
    }

    public Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken) =>
        Task.FromResult(LiveConnection(connectionId)?.Connection);

    public Task<string> PublishAsync(StreamTopic topic, string eventName, JsonPayload data, string? onceKey, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsurePublishable(topic, eventName, data, _options.MaxPayloadBytes);
        var kept = topic.Kind switch
        {
            StreamTopicKind.Connection => LiveConnection(topic.Key) ?? throw new ConnectionGoneException(topic.Key),
            StreamTopicKind.UserProgress => _progress.GetOrAdd(topic.Key, _ => new Kept(null, new MemoryHistory(_options.HistoryLength, HubFunctions.OnceLimit(_options)), ProgressExpiry())),
            _ => _broadcast,
        };
        lock (kept)
        {
            // Id, history and delivery under the topic's lock, so history order is delivery order.
            if (kept.History.TryGetOnce(onceKey, out var seen))
            {
                return Task.FromResult(seen);
            }
            var message = new StreamMessage(eventName, data, NextId());
            kept.History.Append(message, onceKey);
            kept.ExpiresAt = topic.Kind switch
            {
                StreamTopicKind.Connection => ConnectionExpiry(),
                StreamTopicKind.UserProgress => ProgressExpiry(),
                _ => DateTimeOffset.MaxValue,
            };
            if (topic.Kind == StreamTopicKind.UserProgress)
            {
                kept.Latest = new LatestProgress(data, message.Id);
            }
            _metrics.Published(topic.Kind);
            _fanOut.Deliver(topic, message);
            return Task.FromResult(message.Id!);
        }
    }

    public Task PublishTransientAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureEventName(eventName);
        PublishedPayload.EnsureSize(data, _options.MaxPayloadBytes);
        _metrics.Published(topic.Kind);
        _fanOut.Deliver(topic, new StreamMessage(eventName, data));
        return Task.CompletedTask;
    }

    public IStreamSubscription Subscribe(StreamTopic topic) => _fanOut.Subscribe(topic);

    public Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken)
    {
        if (Find(topic) is not { } kept)
        {
            return Task.FromResult(afterId is null || afterId == StreamEventId.Beginning ? StreamHistory.Empty : new StreamHistory([], Missed: true));
        }
        lock (kept)
        {
            return Task.FromResult(kept.History.Read(afterId));
        }
    }

    public Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken)
    {
        if (Find(topic) is not { } kept)
        {
            return Task.FromResult<string?>(null);
        }
        lock (kept)
        {
            return Task.FromResult(kept.History.LatestId);
        }
    }

    public Task<LatestProgress?> GetProgressAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(StreamTopic.UserProgress(userId))?.Latest);

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_progress.TryRemove(userId, out var kept) && kept.Latest is not null && kept.ExpiresAt > _clock.GetUtcNow());

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => _fanOut.Counts();

    public void Dispose() => _sweeper.Dispose();

    internal static string NewConnectionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private Kept? Find(StreamTopic topic) => topic.Kind switch
    {
        StreamTopicKind.Connection => LiveConnection(topic.Key),
        StreamTopicKind.UserProgress => _progress.TryGetValue(topic.Key, out var kept) && kept.ExpiresAt > _clock.GetUtcNow() ? kept : null,
        _ => _broadcast,
    };

    private Kept? LiveConnection(string connectionId) =>
        _connections.TryGetValue(connectionId, out var kept) && (kept.ExpiresAt > _clock.GetUtcNow() || _fanOut.HasSubscribers(StreamTopic.Connection(connectionId)))
            ? kept
            : null;

    private DateTimeOffset ConnectionExpiry() => _clock.GetUtcNow().AddSeconds(_options.ConnectionTtlSeconds);

    private DateTimeOffset ProgressExpiry() => _clock.GetUtcNow().AddSeconds(_options.ProgressTtlSeconds);

    private string NextId()
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_idGate)
        {
            if (now > _lastMilliseconds)
            {
                _lastMilliseconds = now;
                _sequence = 0;
            }
            else
            {
                _sequence++;
            }
            return $"{_lastMilliseconds}-{_sequence}";
        }
    }

    // Once a minute: a connection a client is on has its time to live restarted, as Redis's keys do;
    // what has expired goes.
    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var id in _fanOut.SubscribedKeys(StreamTopicKind.Connection))
        {
            if (_connections.TryGetValue(id, out var kept))
            {
                lock (kept)
                {
                    kept.ExpiresAt = ConnectionExpiry();
                }
            }
        }
        foreach (var (id, kept) in _connections)
        {
            if (kept.ExpiresAt <= now)
            {
                _connections.TryRemove(id, out _);
            }
        }
        foreach (var (user, kept) in _progress)
        {
            if (kept.ExpiresAt <= now)
            {
                _progress.TryRemove(user, out _);
            }
        }
    }

    /// <summary>What is kept for one topic; locked while used.</summary>
    private sealed class Kept(StreamConnection? connection, MemoryHistory history, DateTimeOffset expiresAt)
    {
        public StreamConnection? Connection { get; } = connection;

        public MemoryHistory History { get; } = history;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public LatestProgress? Latest { get; set; }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// The stream hub within one process: the default when no Redis is configured, so the service runs
/// with nothing else installed. Connections, their history and progress are forgotten
/// <see cref="HubOptions.ConnectionTtlSeconds"/> after their last use.
/// </summary>
public sealed class InMemoryStreamManager : IStreamManager, IDisposable
{
    private readonly LocalFanOut _fanOut;
    private readonly HubOptions _options;
    private readonly TimeProvider _clock;
    private readonly JobStreamMetrics _metrics;
    private readonly ConcurrentDictionary<string, ConnectionState> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (JsonPayload Progress, DateTimeOffset ExpiresAt)> _progress = new(StringComparer.Ordinal);
    private readonly ITimer _sweeper;
    private long _lastMilliseconds;
    private long _sequence;

    public InMemoryStreamManager(IOptions<HubOptions> options, TimeProvider clock, JobStreamMetrics metrics)
    {
        _options = options.Value;
        _clock = clock;
        _metrics = metrics;
        _fanOut = new LocalFanOut(_options.SubscriberQueueCapacity, metrics.SlowClientDisconnected);
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public StreamBackplaneStatus Status { get; } = new("memory", Connected: true);

    public Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken)
    {
        var connection = new StreamConnection(NewConnectionId(), owner, _clock.GetUtcNow());
        _connections[connection.Id] = new ConnectionState(connection, _options.HistoryLength, Expiry());
        return Task.FromResult(connection);
    }

    public Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken) =>
        Task.FromResult(Live(connectionId)?.Connection);

    public Task PublishAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureEventName(eventName);
        PublishedPayload.EnsureSize(data, _options.MaxPayloadBytes);
        _metrics.Published(topic.Kind);
        var message = new StreamMessage(eventName, data);
        if (topic.Kind == StreamTopicKind.Connection && Live(topic.Key) is { } state)
        {
            lock (state)
            {
                // Id and history under the connection's lock, so history order is delivery order.
                message = message with { Id = NextId() };
                state.Append(message, Expiry());
                _fanOut.Deliver(topic, message);
            }
            return Task.CompletedTask;
        }
        _fanOut.Deliver(topic, message);
        return Task.CompletedTask;
    }

    public IStreamSubscription Subscribe(StreamTopic topic) => _fanOut.Subscribe(topic);

    public Task<IReadOnlyList<StreamMessage>> ReadHistoryAsync(string connectionId, string? afterId, CancellationToken cancellationToken)
    {
        if (Live(connectionId) is not { } state)
        {
            return Task.FromResult<IReadOnlyList<StreamMessage>>([]);
        }
        lock (state)
        {
            return Task.FromResult<IReadOnlyList<StreamMessage>>(
                state.History.Where(m => afterId is null || StreamEventId.Compare(m.Id!, afterId) > 0).ToList());
        }
    }

    public Task PublishProgressAsync(string userId, JsonPayload progress, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureSize(progress, _options.MaxPayloadBytes);
        _progress[userId] = (progress, _clock.GetUtcNow().AddSeconds(_options.ProgressTtlSeconds));
        _metrics.Published(StreamTopicKind.UserProgress);
        _fanOut.Deliver(StreamTopic.UserProgress(userId), new StreamMessage("progress", progress));
        return Task.CompletedTask;
    }

    public Task<JsonPayload?> GetProgressAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_progress.TryGetValue(userId, out var entry) && entry.ExpiresAt > _clock.GetUtcNow() ? entry.Progress : null);

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(_progress.TryRemove(userId, out _));

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => _fanOut.Counts();

    public void Dispose() => _sweeper.Dispose();

    internal static string NewConnectionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private ConnectionState? Live(string connectionId) =>
        _connections.TryGetValue(connectionId, out var state) && (state.ExpiresAt > _clock.GetUtcNow() || _fanOut.HasSubscribers(StreamTopic.Connection(connectionId)))
            ? state
            : null;

    private DateTimeOffset Expiry() => _clock.GetUtcNow().AddSeconds(_options.ConnectionTtlSeconds);

    private string NextId()
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_connections)
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

    private void Sweep()
    {
        var now = _clock.GetUtcNow();
        foreach (var (id, state) in _connections)
        {
            if (state.ExpiresAt <= now && !_fanOut.HasSubscribers(StreamTopic.Connection(id)))
            {
                _connections.TryRemove(id, out _);
            }
        }
        foreach (var (user, entry) in _progress)
        {
            if (entry.ExpiresAt <= now)
            {
                _progress.TryRemove(user, out _);
            }
        }
    }

    private sealed class ConnectionState(StreamConnection connection, int capacity, DateTimeOffset expiresAt)
    {
        private readonly Queue<StreamMessage> _history = new();

        public StreamConnection Connection { get; } = connection;

        public DateTimeOffset ExpiresAt { get; private set; } = expiresAt;

        public IEnumerable<StreamMessage> History => _history;

        public void Append(StreamMessage message, DateTimeOffset expiresAt)
        {
            ExpiresAt = expiresAt;
            if (capacity == 0)
            {
                return;
            }
            if (_history.Count == capacity)
            {
                _history.Dequeue();
            }
            _history.Enqueue(message);
        }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using JobStream.Application.Streaming;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// What the in-memory hub keeps, shared by its adapters (bus, connections, history, progress): each
/// topic's capped history with its once-keys, the connections and their owners, users' latest progress,
/// and the ids, ordered as Redis stream ids are. A connection is forgotten
/// <see cref="HubOptions.ConnectionTtlSeconds"/> after its last event or the last moment a client was
/// on it (a sweep once a minute restarts that time for the connections clients are on); progress
/// <see cref="HubOptions.ProgressTtlSeconds"/> after its last update.
/// </summary>
public sealed class MemoryTopics : IDisposable
{
    private readonly HubOptions _options;
    private readonly TimeProvider _clock;
    private readonly LocalFanOut _fanOut;
    private readonly ConcurrentDictionary<string, Topic> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Topic> _progress = new(StringComparer.Ordinal);
    private readonly Topic _broadcast;
    private readonly ITimer _sweeper;
    private readonly Lock _idGate = new();
    private long _lastMilliseconds;
    private long _sequence;

    public MemoryTopics(IOptions<HubOptions> options, TimeProvider clock, LocalFanOut fanOut)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _fanOut = fanOut;
        _broadcast = new Topic(null, NewHistory(), DateTimeOffset.MaxValue);
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public static string NewConnectionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public StreamConnection AddConnection(string owner)
    {
        var connection = new StreamConnection(NewConnectionId(), owner, _clock.GetUtcNow());
        _connections[connection.Id] = new Topic(connection, NewHistory(), ConnectionExpiry());
        return connection;
    }

    /// <summary>The topic's record while it lives: a connection until it expires (or while a client is on it), progress until it expires.</summary>
    public Topic? Find(StreamTopic topic) => topic.Kind switch
    {
        StreamTopicKind.Connection => _connections.TryGetValue(topic.Key, out var kept) && (kept.ExpiresAt > _clock.GetUtcNow() || _fanOut.HasSubscribers(topic)) ? kept : null,
        StreamTopicKind.UserProgress => _progress.TryGetValue(topic.Key, out var kept) && kept.ExpiresAt > _clock.GetUtcNow() ? kept : null,
        _ => _broadcast,
    };

    /// <summary>The topic's record for publishing: a user's progress topic is made on first use; a connection must exist.</summary>
    public Topic? FindOrAddForPublishing(StreamTopic topic) => topic.Kind == StreamTopicKind.UserProgress
        ? _progress.GetOrAdd(topic.Key, _ => new Topic(null, NewHistory(), ProgressExpiry()))
        : Find(topic);

    /// <summary>Forgets a user's progress; true when there was any that had not expired.</summary>
    public bool RemoveProgress(string userId) =>
        _progress.TryRemove(userId, out var kept) && kept.Latest is not null && kept.ExpiresAt > _clock.GetUtcNow();

    /// <summary>When a topic just written to expires now.</summary>
    public DateTimeOffset ExpiryAfterWrite(StreamTopicKind kind) => kind switch
    {
        StreamTopicKind.Connection => ConnectionExpiry(),
        StreamTopicKind.UserProgress => ProgressExpiry(),
        _ => DateTimeOffset.MaxValue,
    };

    /// <summary>The next id, "milliseconds-sequence", ordered as Redis orders a stream's.</summary>
    public string NextId()
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

    public void Dispose() => _sweeper.Dispose();

    private MemoryHistory NewHistory() => new(_options.HistoryLength, HubFunctions.OnceLimit(_options));

    private DateTimeOffset ConnectionExpiry() => _clock.GetUtcNow().AddSeconds(_options.ConnectionTtlSeconds);

    private DateTimeOffset ProgressExpiry() => _clock.GetUtcNow().AddSeconds(_options.ProgressTtlSeconds);

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
    public sealed class Topic(StreamConnection? connection, MemoryHistory history, DateTimeOffset expiresAt)
    {
        public StreamConnection? Connection { get; } = connection;

        public MemoryHistory History { get; } = history;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public LatestProgress? Latest { get; set; }
    }
}

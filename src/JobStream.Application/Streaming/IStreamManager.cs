using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>
/// The hub every stream goes through: connections, publishing and subscribing, per-user progress.
/// In memory when no Redis is configured; with Redis, events published on any instance, or by any
/// outside process, reach subscribers wherever they are connected.
/// </summary>
public interface IStreamManager
{
    Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The connection, or null where no instance knows it (never created, or expired).</summary>
    Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>Publishes an event; on a connection topic it is also kept in that connection's history.</summary>
    Task PublishAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken);

    /// <summary>Registers now, so nothing published after this returns is missed.</summary>
    IStreamSubscription Subscribe(StreamTopic topic);

    /// <summary>A connection's kept events after <paramref name="afterId"/> (all kept events when null), oldest first.</summary>
    Task<IReadOnlyList<StreamMessage>> ReadHistoryAsync(string connectionId, string? afterId, CancellationToken cancellationToken);

    /// <summary>Stores a user's latest progress and publishes it to every stream of that user.</summary>
    Task PublishProgressAsync(string userId, JsonPayload progress, CancellationToken cancellationToken);

    Task<JsonPayload?> GetProgressAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Forgets a user's progress; true when there was any.</summary>
    Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Live subscriptions on this instance, by topic kind.</summary>
    IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions();

    /// <summary>"memory" or "redis", and whether the backplane is reachable now.</summary>
    StreamBackplaneStatus Status { get; }
}

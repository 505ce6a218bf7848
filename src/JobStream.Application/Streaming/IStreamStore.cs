namespace JobStream.Application.Streaming;

/// <summary>
/// Connection records and every topic's history. A connection is remembered for
/// <see cref="HubOptions.ConnectionTtlSeconds"/> after its last event or the last moment a client was on it.
/// </summary>
public interface IStreamStore
{
    Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The connection, or null where no instance knows it (never created, or expired).</summary>
    Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// The topic's kept events after <paramref name="afterId"/> (all kept events when null), oldest
    /// first, and whether events after that id were dropped from the history (it is capped).
    /// </summary>
    Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken);

    /// <summary>The id of the newest event kept for the topic, or null when it has none.</summary>
    Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken);
}

/// <summary>A slice of a topic's history; <see cref="Missed"/> when some of what was asked for is no longer kept.</summary>
public sealed record StreamHistory(IReadOnlyList<StreamMessage> Messages, bool Missed)
{
    public static readonly StreamHistory Empty = new([], Missed: false);
}

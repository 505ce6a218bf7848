namespace JobStream.Application.Streaming;

/// <summary>
/// Stream connections and who owns them. A connection is remembered for
/// <see cref="HubOptions.ConnectionTtlSeconds"/> after its last event or the last moment a client was on it.
/// </summary>
public interface IConnectionRegistry
{
    Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The connection, or null where no instance knows it (never created, or expired).</summary>
    Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken);
}

namespace JobStream.Application.Streaming;

/// <summary>An event was published to a connection that does not exist or has expired.</summary>
public sealed class ConnectionGoneException(string connectionId)
    : Exception($"Connection '{connectionId}' does not exist or has expired.")
{
    public string ConnectionId { get; } = connectionId;
}

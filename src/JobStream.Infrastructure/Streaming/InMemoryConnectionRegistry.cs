using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>Stream connections and their owners, within one process.</summary>
public sealed class InMemoryConnectionRegistry(MemoryTopics topics) : IConnectionRegistry
{
    public Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken) =>
        Task.FromResult(topics.AddConnection(owner));

    public Task<StreamConnection?> FindConnectionAsync(string connectionId, CancellationToken cancellationToken) =>
        Task.FromResult(topics.Find(StreamTopic.Connection(connectionId))?.Connection);
}

using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>Users' latest progress, within one process.</summary>
public sealed class InMemoryProgressStore(MemoryTopics topics) : IProgressStore
{
    public Task<LatestProgress?> GetProgressAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(topics.Find(StreamTopic.UserProgress(userId))?.Latest);

    public Task<bool> ClearProgressAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(topics.RemoveProgress(userId));
}

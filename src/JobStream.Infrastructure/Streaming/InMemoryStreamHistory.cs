using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>Every topic's kept events, within one process.</summary>
public sealed class InMemoryStreamHistory(MemoryTopics topics) : IStreamHistory
{
    public Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken)
    {
        if (topics.Find(topic) is not { } kept)
        {
            // Never written, or expired: events after a real id are gone with it.
            return Task.FromResult(afterId is null || afterId == StreamEventId.Beginning ? StreamHistory.Empty : new StreamHistory([], Missed: true));
        }
        lock (kept)
        {
            return Task.FromResult(kept.History.Read(afterId));
        }
    }

    public Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken)
    {
        if (topics.Find(topic) is not { } kept)
        {
            return Task.FromResult<string?>(null);
        }
        lock (kept)
        {
            return Task.FromResult(kept.History.LatestId);
        }
    }
}

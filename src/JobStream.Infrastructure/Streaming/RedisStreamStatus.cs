using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>The Redis hub delivers while its monitor receives its own probes; its subscriptions are this instance's.</summary>
public sealed class RedisStreamStatus(RedisHubMonitor monitor, LocalFanOut fanOut) : IStreamStatus
{
    public StreamBackplaneStatus Status => new("redis", monitor.IsLive);

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => fanOut.Counts();
}

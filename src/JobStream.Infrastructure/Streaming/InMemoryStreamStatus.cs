using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>The in-memory hub always delivers; its subscriptions are this process's.</summary>
public sealed class InMemoryStreamStatus(LocalFanOut fanOut) : IStreamStatus
{
    public StreamBackplaneStatus Status { get; } = new("memory", Connected: true);

    public IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions() => fanOut.Counts();
}

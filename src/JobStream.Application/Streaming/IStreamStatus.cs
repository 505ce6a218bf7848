namespace JobStream.Application.Streaming;

/// <summary>How the hub is doing on this instance: for /status, readiness and the metrics.</summary>
public interface IStreamStatus
{
    /// <summary>"memory" or "redis", and whether the backplane is delivering now.</summary>
    StreamBackplaneStatus Status { get; }

    /// <summary>Live subscriptions on this instance, by topic kind.</summary>
    IReadOnlyDictionary<StreamTopicKind, int> CountSubscriptions();
}

namespace JobStream.Application.Streaming;

/// <summary>Every topic's kept events: what a client that reconnects is given before the live ones.</summary>
public interface IStreamHistory
{
    /// <summary>
    /// The topic's kept events after <paramref name="afterId"/> (all kept events when null), oldest
    /// first, and whether events after that id were dropped from the history (it is capped) or the
    /// topic never reached that id.
    /// </summary>
    Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken);

    /// <summary>The id of the newest event kept for the topic, or null when it has none.</summary>
    Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken);
}

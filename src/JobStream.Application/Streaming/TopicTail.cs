using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>How a stream follows its topic after its first event (<see cref="StreamFollower.TailAsync"/>).</summary>
/// <param name="After">The last id the client has; null for "from the first kept event".</param>
/// <param name="Replay">Whether the kept events after <paramref name="After"/> come first.</param>
public sealed record TopicTail(StreamTopic Topic, string? After, bool Replay)
{
    /// <summary>Whose stream this is, for the logs: "connection 3f2a… of alice".</summary>
    public required string Describe { get; init; }

    /// <summary>What a gap in this stream's history means to its client: the <c>missed</c> event's message.</summary>
    public required string MissedMessage { get; init; }

    /// <summary>Whether the client came back with a Last-Event-ID of this stream (counted as a resumption).</summary>
    public bool Resumed { get; init; }

    /// <summary>The Last-Event-ID the client sent, as it sent it: named in a <c>missed</c> event.</summary>
    public string? LastEventId { get; init; }

    /// <summary>The id a client resumes by, made from an event's id in the history; the history's id where null.</summary>
    public Func<string, string>? ClientId { get; init; }

    /// <summary>The state a client recovers from after a gap, where the stream has one (a user's latest progress).</summary>
    public Func<CancellationToken, Task<JsonPayload?>>? Latest { get; init; }
}

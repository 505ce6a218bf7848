namespace JobStream.Application.Streaming;

/// <summary>What a stream's writer is told while it waits for its next item (<see cref="StreamClock.InterleaveAsync{T}"/>).</summary>
public enum BeatKind
{
    /// <summary>The next item: <see cref="Beat{T}.Item"/>.</summary>
    Item,

    /// <summary>The next item is not there yet: send what has been written.</summary>
    Waiting,

    /// <summary>The interval passed: a keepalive or a heartbeat is due.</summary>
    Ring,
}

/// <summary>One step of a stream interleaved with its alarm: an item, a wait beginning, or the alarm.</summary>
public readonly record struct Beat<T>(BeatKind Kind, T? Item = default);

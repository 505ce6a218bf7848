using JobStream.Application.Scraping.Runs;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.Events;
using JobStream.Application.Streaming.OpenStream;
using JobStream.Application.Streaming.ProgressStream;
using JobStream.Application.Watches.FollowWatches;

namespace JobStream.Api.Sse;

/// <summary>
/// The event each kind of value a stream yields is told as (<see cref="StreamValue{T}"/>). Events from
/// the hub (<see cref="StreamMessage"/>) keep the name they were published under.
/// </summary>
public static class SseEventNames
{
    private static readonly Dictionary<Type, string?> Names = new()
    {
        [typeof(ConnectedEvent)] = "connected",
        [typeof(ProgressConnected)] = "connected",
        [typeof(WatchFeedConnected)] = "connected",
        [typeof(RunStarted)] = "run",
        [typeof(MissedEvents)] = StreamFollower.MissedEvent,

        // Unnamed: its JSON names the event, so a plain EventSource.onmessage receives every one (seed 003).
        [typeof(EventsEnvelope)] = null,
        [typeof(StreamFailed)] = "error",
        [typeof(Reconnect)] = "reconnect",
    };

    /// <summary>The event name for a value of <paramref name="type"/>; null for an unnamed ("message") event.</summary>
    /// <exception cref="InvalidOperationException">No name is set for the type: a stream yields a value nobody named.</exception>
    public static string? Of(Type type) =>
        Names.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"A stream yielded a {type.Name}, which no event name is set for (SseEventNames).");
}

/// <summary>The last event of a stream that failed part-way.</summary>
public sealed record StreamFailed(string Message);

/// <summary>The last event of a stream on an instance that is stopping: reconnect, to another one.</summary>
public sealed record Reconnect(string Message);

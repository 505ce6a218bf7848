using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>
/// The data of a <c>missed</c> event: the client asked to resume from an id older than the kept
/// history, so some events are lost to it; <paramref name="Latest"/> is the state to recover from where
/// the stream has one (a user's latest progress).
/// </summary>
public sealed record MissedEvents(string Message, string? LastEventId, JsonPayload? Latest = null);

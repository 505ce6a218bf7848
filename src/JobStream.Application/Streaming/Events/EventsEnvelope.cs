using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming.Events;

/// <summary>
/// What /events sends, as seed 003 does: unnamed data events whose JSON names the event, so a plain
/// <c>EventSource.onmessage</c> receives all of them.
/// </summary>
public sealed record EventsEnvelope(string Event, DateTimeOffset Timestamp, JsonPayload? Data = null);

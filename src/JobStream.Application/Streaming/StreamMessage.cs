using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>
/// One event on a topic. <see cref="Id"/> is set where the topic keeps a history (connections), so a
/// client that reconnects with Last-Event-ID can be given what it missed.
/// </summary>
public sealed record StreamMessage(string Event, JsonPayload Data, string? Id = null);

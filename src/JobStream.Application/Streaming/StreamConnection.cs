namespace JobStream.Application.Streaming;

/// <summary>A stream connection and the subject (JWT "sub") it belongs to.</summary>
public sealed record StreamConnection(string Id, string Owner, DateTimeOffset CreatedAt);

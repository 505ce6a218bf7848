namespace JobStream.Application.Streaming.OpenStream;

/// <summary>The first event of every hub stream: which connection the client is on.</summary>
public sealed record ConnectedEvent(string ConnectionId);

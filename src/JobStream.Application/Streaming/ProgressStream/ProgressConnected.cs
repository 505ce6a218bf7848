namespace JobStream.Application.Streaming.ProgressStream;

/// <summary>The first event of a progress stream: whose progress it follows.</summary>
public sealed record ProgressConnected(string UserId);

namespace JobStream.Application.Streaming.GetConnectionsStatus;

/// <summary>How many streams of each kind this instance holds, and its backplane.</summary>
public sealed record ConnectionsStatus(long OpenStreams, int Connections, int ProgressStreams, int EventStreams, StreamBackplaneStatus Backplane);

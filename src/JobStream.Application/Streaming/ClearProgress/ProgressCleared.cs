namespace JobStream.Application.Streaming.ClearProgress;

/// <summary>What clearing found: whether there was any progress, in words too.</summary>
public sealed record ProgressCleared(string Message, bool Cleared);

namespace JobStream.Domain.Watches;

/// <summary>A domain a run could not read; its jobs are kept as they were (nothing is closed).</summary>
public sealed record WatchRunError(string Domain, string Error);

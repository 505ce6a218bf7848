using JobStream.Domain.Jobs;

namespace JobStream.Domain.Watches;

/// <summary>
/// A job as a watch remembers it: its stable <see cref="Identity"/>, its latest fields, when it was first
/// and last seen, and when it closed (null while open). <see cref="MissedRuns"/> counts the successful runs
/// of its domain in a row that did not find it; it closes after enough of them.
/// </summary>
public sealed record TrackedJob
{
    public required string Identity { get; init; }
    public required string Domain { get; init; }
    public required Job Job { get; init; }
    public required string ContentHash { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int MissedRuns { get; init; }
    /// <summary>The identity the watch knew the job by until this run, where it now goes by the ATS's id; else null.</summary>
    public string? FormerIdentity { get; init; }

    public bool IsOpen => ClosedAt is null;
}

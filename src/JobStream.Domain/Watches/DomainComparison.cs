namespace JobStream.Domain.Watches;

/// <summary>
/// What a run found on one domain: every remembered job whose record changes (<see cref="Writes"/>: seen
/// again, new, missed, closed) and the changes worth telling.
/// </summary>
public sealed record DomainComparison(IReadOnlyList<TrackedJob> Writes, IReadOnlyList<JobChange> Changes);

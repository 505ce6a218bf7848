namespace JobStream.Application.Watches;

/// <summary>
/// The data of <c>job_opened</c>, <c>job_changed</c> and <c>job_closed</c>: the job as it is now and, for a
/// change, the fields that changed (<see cref="Changed"/>) with their values before (<see cref="Previous"/>).
/// </summary>
public sealed record JobChangeEvent(string WatchId, StoredJob Job, IReadOnlyList<string>? Changed = null, IReadOnlyDictionary<string, object?>? Previous = null);

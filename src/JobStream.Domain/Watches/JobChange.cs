namespace JobStream.Domain.Watches;

/// <summary>
/// One change a run found: a job opened (new, or back after it closed), changed (with the names of the
/// fields that differ and their previous values) or closed.
/// </summary>
public sealed record JobChange(JobChangeKind Kind, TrackedJob Job)
{
    public IReadOnlyList<string> ChangedFields { get; init; } = [];
    public IReadOnlyDictionary<string, object?> Previous { get; init; } = new Dictionary<string, object?>();
}

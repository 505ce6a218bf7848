namespace JobStream.Application.Errors;

/// <summary>
/// The queue holds <see cref="JobQueueFullException.Waiting"/> domains already, and taking the job's would
/// pass its limit: the job is refused rather than queued and dropped later.
/// </summary>
public sealed class JobQueueFullException(long waiting, int limit)
    : Exception($"The job queue is full: {waiting} domains are waiting, at most {limit} may; try again later.")
{
    public long Waiting { get; } = waiting;

    public int Limit { get; } = limit;
}

using Mediator;

namespace JobStream.Application.Watches.ExportWatchJobs;

/// <summary>
/// Every job a watch remembers (only open ones with <paramref name="OpenOnly"/>), for export: the watch is
/// checked to be the user's first, then the jobs are read as they are written out.
/// </summary>
public sealed record ExportWatchJobsQuery(string Owner, string WatchId, bool OpenOnly) : IRequest<IAsyncEnumerable<StoredJob>>;

public sealed class ExportWatchJobsQueryHandler(IWatchStore store, IJobSearch jobs) : IRequestHandler<ExportWatchJobsQuery, IAsyncEnumerable<StoredJob>>
{
    public async ValueTask<IAsyncEnumerable<StoredJob>> Handle(ExportWatchJobsQuery request, CancellationToken cancellationToken)
    {
        await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        return jobs.JobsOfAsync(request.WatchId, request.OpenOnly, cancellationToken);
    }
}

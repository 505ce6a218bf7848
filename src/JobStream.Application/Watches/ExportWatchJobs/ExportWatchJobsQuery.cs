using System.Runtime.CompilerServices;
using Mediator;

namespace JobStream.Application.Watches.ExportWatchJobs;

/// <summary>Every job a watch remembers (only open ones with <paramref name="OpenOnly"/>), for export.</summary>
public sealed record ExportWatchJobsQuery(string Owner, string WatchId, bool OpenOnly) : IStreamRequest<StoredJob>;

public sealed class ExportWatchJobsQueryHandler(IWatchStore store, IJobSearch jobs) : IStreamRequestHandler<ExportWatchJobsQuery, StoredJob>
{
    public async IAsyncEnumerable<StoredJob> Handle(ExportWatchJobsQuery request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await store.FindOwnAsync(request.WatchId, request.Owner, cancellationToken);
        await foreach (var job in jobs.JobsOfAsync(request.WatchId, request.OpenOnly, cancellationToken))
        {
            yield return job;
        }
    }
}

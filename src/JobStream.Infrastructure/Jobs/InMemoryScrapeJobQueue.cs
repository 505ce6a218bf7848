using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Telemetry;

namespace JobStream.Infrastructure.Jobs;

/// <summary>
/// Jobs for this process's own worker: the default without Redis. Nothing outlives the process: jobs
/// queued or running when it stops are lost (docs/operations.md).
/// </summary>
public sealed class InMemoryScrapeJobQueue(TimeProvider clock) : IScrapeJobQueue, IJobQueueStats
{
    private readonly Channel<(ScrapeJob Job, int Deliveries, long Queued)> _jobs = Channel.CreateUnbounded<(ScrapeJob, int, long)>();
    private long _oldestQueued;

    public JobQueueSnapshot Snapshot =>
        _jobs.Reader.Count == 0 ? JobQueueSnapshot.Empty : new(_jobs.Reader.Count, clock.GetElapsedTime(Interlocked.Read(ref _oldestQueued)));

    public Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken) => EnqueueAsync(job, 0, cancellationToken);

    private Task EnqueueAsync(ScrapeJob job, int deliveries, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_jobs.Reader.Count == 0)
        {
            Interlocked.Exchange(ref _oldestQueued, now);
        }
        return _jobs.Writer.WriteAsync((job, deliveries, now), cancellationToken).AsTask();
    }

    public async IAsyncEnumerable<QueuedScrapeJob> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (job, deliveries, _) in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            if (_jobs.Reader.TryPeek(out var next))
            {
                Interlocked.Exchange(ref _oldestQueued, next.Queued);
            }
            yield return new QueuedScrapeJob(job, deliveries + 1, new Claim(this, job, deliveries + 1));
        }
    }

    // Only one worker reads this queue: there is no claim to keep; a job given back is queued again.
    private sealed class Claim(InMemoryScrapeJobQueue queue, ScrapeJob job, int deliveries) : IQueuedJobClaim
    {
        public Task AcknowledgeAsync() => Task.CompletedTask;

        public Task RenewAsync() => Task.CompletedTask;

        public Task ReleaseAsync() => queue.EnqueueAsync(job, deliveries - 1, CancellationToken.None);

        public Task AbandonAsync() => queue.EnqueueAsync(job, deliveries, CancellationToken.None);
    }
}

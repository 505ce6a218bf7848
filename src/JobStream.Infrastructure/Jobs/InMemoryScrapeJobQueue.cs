using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Telemetry;

namespace JobStream.Infrastructure.Jobs;

/// <summary>Jobs for this process's own worker: the default without Redis.</summary>
public sealed class InMemoryScrapeJobQueue(TimeProvider clock) : IScrapeJobQueue, IJobQueueStats
{
    private readonly Channel<(ScrapeJob Job, long Queued)> _jobs = Channel.CreateUnbounded<(ScrapeJob, long)>();
    private long _oldestQueued;

    public JobQueueSnapshot Snapshot =>
        _jobs.Reader.Count == 0 ? JobQueueSnapshot.Empty : new(_jobs.Reader.Count, clock.GetElapsedTime(Interlocked.Read(ref _oldestQueued)));

    public Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_jobs.Reader.Count == 0)
        {
            Interlocked.Exchange(ref _oldestQueued, now);
        }
        return _jobs.Writer.WriteAsync((job, now), cancellationToken).AsTask();
    }

    public async IAsyncEnumerable<QueuedScrapeJob> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (job, _) in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            if (_jobs.Reader.TryPeek(out var next))
            {
                Interlocked.Exchange(ref _oldestQueued, next.Queued);
            }
            yield return new QueuedScrapeJob(job, () => Task.CompletedTask);
        }
    }
}

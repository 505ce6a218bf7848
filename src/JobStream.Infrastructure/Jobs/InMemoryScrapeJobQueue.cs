using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JobStream.Application.Errors;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Jobs;

/// <summary>
/// Jobs for this process's own worker: the default without Redis. Nothing outlives the process: jobs
/// queued or running when it stops are lost (docs/deploy/README.md).
/// </summary>
public sealed class InMemoryScrapeJobQueue(TimeProvider clock, IOptions<JobsOptions> options) : IScrapeJobQueue, IJobQueueStats
{
    private readonly Channel<(ScrapeJob Job, int Deliveries, long Queued)> _jobs = Channel.CreateUnbounded<(ScrapeJob, int, long)>();
    private long _oldestQueued;

    public JobQueueSnapshot Snapshot =>
        _jobs.Reader.Count == 0 ? JobQueueSnapshot.Empty : new(_jobs.Reader.Count, clock.GetElapsedTime(Interlocked.Read(ref _oldestQueued)));

    /// <summary>Queues the job as its parts, one per domain, unless they would pass <see cref="JobsOptions.MaxQueueLength"/>.</summary>
    public async Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parts = job.Parts();
        var waiting = _jobs.Reader.Count;
        if (waiting + parts.Count > options.Value.MaxQueueLength)
        {
            throw new JobQueueFullException(waiting, options.Value.MaxQueueLength);
        }
        foreach (var part in parts)
        {
            await EnqueueAsync(part, 0, cancellationToken);
        }
    }

    private Task EnqueueAsync(ScrapeJob job, int deliveries, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_jobs.Reader.Count == 0)
        {
            Interlocked.Exchange(ref _oldestQueued, now);
        }
        return _jobs.Writer.WriteAsync((job, deliveries, now), cancellationToken).AsTask();
    }

    /// <summary>Taking a job here costs nothing, so they are taken one at a time whatever the room.</summary>
    public async IAsyncEnumerable<QueuedScrapeJob> ReadAsync(Func<int> room, [EnumeratorCancellation] CancellationToken cancellationToken)
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

        public async Task SplitAsync(IReadOnlyList<ScrapeJob> parts)
        {
            foreach (var part in parts)
            {
                await queue.EnqueueAsync(part, 0, CancellationToken.None);
            }
        }
    }
}

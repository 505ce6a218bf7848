using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JobStream.Application.Scraping.ScrapeJobs;

namespace JobStream.Infrastructure.Jobs;

/// <summary>Jobs for this process's own worker: the default without Redis.</summary>
public sealed class InMemoryScrapeJobQueue : IScrapeJobQueue
{
    private readonly Channel<ScrapeJob> _jobs = Channel.CreateUnbounded<ScrapeJob>();

    public Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken) => _jobs.Writer.WriteAsync(job, cancellationToken).AsTask();

    public async IAsyncEnumerable<QueuedScrapeJob> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(cancellationToken))
        {
            yield return new QueuedScrapeJob(job, () => Task.CompletedTask);
        }
    }
}

using JobStream.Application.Scraping.ScrapeJobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Jobs;

/// <summary>
/// Takes jobs from the queue and runs up to <see cref="JobsOptions.MaxConcurrentParts"/> at once,
/// taking only as many as it has free slots for. Jobs are queued as parts of one domain; a job of several
/// domains queued whole (by an instance from before the split) is not run here but split into parts
/// for any worker. A running part's claim is renewed; a part delivered more
/// than <see cref="JobsOptions.MaxDeliveries"/> times is given up (its domain's result is an error); a
/// part still running when the host stops goes back to the queue. No failure here (Redis away, a job that
/// throws) stops the host: the worker logs it and goes on.
/// </summary>
public sealed partial class ScrapeJobWorker(
    IScrapeJobQueue queue, IServiceScopeFactory scopes, IOptions<JobsOptions> options, TimeProvider clock, ILogger<ScrapeJobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunsJobs)
        {
            return;
        }
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentParts);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Room for the one it asks for (its slot is taken) and for every slot still free.
                await using var jobs = queue.ReadAsync(() => slots.CurrentCount + 1, stoppingToken).GetAsyncEnumerator(stoppingToken);
                while (true)
                {
                    await slots.WaitAsync(stoppingToken);
                    if (!await jobs.MoveNextAsync())
                    {
                        slots.Release();
                        break;
                    }
                    running.RemoveAll(task => task.IsCompleted);
                    running.Add(RunAsync(jobs.Current, slots, stoppingToken));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: the loop ends and the running jobs finish or put themselves back.
            }
            catch (Exception ex)
            {
                LogQueueFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        await Task.WhenAll(running);
    }

    private async Task RunAsync(QueuedScrapeJob queued, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var job = queued.Job;
        try
        {
            if (queued.Deliveries > options.Value.MaxDeliveries)
            {
                await GiveUpAsync(queued, $"The scrape job was started {queued.Deliveries} times and never finished; it will not be run again.");
                return;
            }
            if (!job.RunsWhole)
            {
                var parts = job.Split();
                await queued.SplitAsync(parts);
                LogSplit(job.JobId, parts.Count);
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var runner = scope.ServiceProvider.GetRequiredService<ScrapeJobRunner>();
            using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var renewing = RenewAsync(queued, renewal.Token);
            try
            {
                await runner.RunAsync(job, stoppingToken);
            }
            finally
            {
                await renewal.CancelAsync();
                await renewing;
            }
            await queued.AcknowledgeAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseAsync(queued);
        }
        catch (Exception ex)
        {
            // Run again later (its client is told nothing twice), unless it has had its tries.
            LogJobFailed(ex, job.JobId);
            await GiveBackAsync(queued);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RenewAsync(QueuedScrapeJob queued, CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.ReclaimAfterSeconds / 3.0);
        while (true)
        {
            try
            {
                await Task.Delay(every, clock, cancellationToken);
                await queued.RenewAsync();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRenewFailed(queued.Job.JobId, ex.Message);
            }
        }
    }

    private async Task GiveBackAsync(QueuedScrapeJob queued)
    {
        try
        {
            if (queued.Deliveries >= options.Value.MaxDeliveries)
            {
                await GiveUpAsync(queued, $"The scrape job failed {queued.Deliveries} times; it will not be run again.");
            }
            else
            {
                await queued.AbandonAsync();
            }
        }
        catch (Exception ex)
        {
            LogJobFailed(ex, queued.Job.JobId);
        }
    }

    // Its client is told, once, and the job leaves the queue.
    private async Task GiveUpAsync(QueuedScrapeJob queued, string message)
    {
        LogGivenUp(queued.Job.JobId, queued.Deliveries);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ScrapeJobRunner>().GiveUpAsync(queued.Job, message);
        await queued.AcknowledgeAsync();
    }

    private async Task ReleaseAsync(QueuedScrapeJob queued)
    {
        try
        {
            await queued.ReleaseAsync();
            LogReleased(queued.Job.JobId);
        }
        catch (Exception ex)
        {
            LogJobFailed(ex, queued.Job.JobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the job queue failed; trying again in a second")]
    private partial void LogQueueFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scrape job {JobId} failed here")]
    private partial void LogJobFailed(Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape job {JobId} given up after {Deliveries} deliveries")]
    private partial void LogGivenUp(string jobId, int deliveries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the claim on scrape job {JobId} failed: {Reason}")]
    private partial void LogRenewFailed(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} split into {Parts} parts for any worker")]
    private partial void LogSplit(string jobId, int parts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape job {JobId} went back to the queue: this worker is stopping")]
    private partial void LogReleased(string jobId);
}

using JobStream.Application.Scraping.ScrapeJobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Jobs;

/// <summary>Takes jobs from the queue and runs up to <see cref="JobsOptions.MaxConcurrentJobs"/> at once.</summary>
public sealed class ScrapeJobWorker(IScrapeJobQueue queue, IServiceScopeFactory scopes, IOptions<JobsOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunsJobs)
        {
            return;
        }
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentJobs);
        var running = new List<Task>();
        try
        {
            await foreach (var queued in queue.ReadAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(task => task.IsCompleted);
                running.Add(RunAsync(queued, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running);
    }

    private async Task RunAsync(QueuedScrapeJob queued, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ScrapeJobRunner>().RunAsync(queued.Job, stoppingToken);
            await queued.AcknowledgeAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: left unacknowledged, so another worker picks the job up again.
        }
        finally
        {
            slots.Release();
        }
    }
}

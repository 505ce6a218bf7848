using System.Collections.Concurrent;
using System.Threading.Channels;
using JobStream.Domain.Watches;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Watches;

/// <summary>
/// Runs due watches on this instance, up to <see cref="WatchesOptions.MaxConcurrentRuns"/> at once. Every
/// instance sharing the database looks when the next watch falls due (and at least every
/// <see cref="WatchesOptions.PollSeconds"/>) and claims a due watch in the database before running it, so
/// each run happens on exactly one instance; a claim is renewed while its run lasts, and lapses when its
/// instance dies, for another instance to run the watch instead.
/// </summary>
public sealed partial class WatchScheduler(
    IServiceScopeFactory scopes,
    IWatchStore store,
    IOptions<WatchesOptions> options,
    TimeProvider time,
    ILogger<WatchScheduler> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // A watch due now that could not be claimed (another instance took it) is looked for again this soon at the earliest.
    private static readonly TimeSpan ShortestLook = TimeSpan.FromMilliseconds(20);
    private readonly WatchesOptions _options = options.Value;

    /// <summary>Looks for due watches now rather than at the next poll (a watch was created, resumed or asked to run).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentRuns);
        var running = new ConcurrentDictionary<Task, bool>();
        try
        {
            while (true)
            {
                await slots.WaitAsync(stoppingToken);
                var lease = await ClaimAsync(stoppingToken);
                if (lease is null)
                {
                    slots.Release();
                    await NextLookAsync(stoppingToken);
                    continue;
                }
                var run = RunAsync(lease, stoppingToken);
                running[run] = true;
                _ = run.ContinueWith(done =>
                {
                    running.TryRemove(done, out _);
                    slots.Release();
                    Wake(); // the watch it ran has its next due time now
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(running.Keys);
        }
    }

    private async Task<WatchLease?> ClaimAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await store.ClaimDueAsync(time.GetUtcNow(), _options.Lease, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimFailed(ex);
            return null;
        }
    }

    // Until the next watch falls due, or the poll's interval when that is sooner (another instance may
    // create, resume or release a watch meanwhile), or until woken.
    private async Task NextLookAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromSeconds(_options.PollSeconds);
        try
        {
            if (await store.NextDueAsync(time.GetUtcNow(), stoppingToken) is { } due)
            {
                wait = TimeSpan.FromTicks(Math.Clamp((due - time.GetUtcNow()).Ticks, ShortestLook.Ticks, wait.Ticks));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimFailed(ex);
        }
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(wait);
        try
        {
            await _wake.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(WatchLease lease, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var holding = HoldAsync(lease, run);
        var recorded = false;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            recorded = await scope.ServiceProvider.GetRequiredService<WatchRunner>().RunAsync(lease, run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A run that crashes is recorded as a failed run, so the watch waits its period rather than
            // crashing again at once on every instance.
            LogRunCrashed(ex, lease.Watch.Id);
            recorded = await RecordCrashAsync(lease);
        }
        finally
        {
            await run.CancelAsync();
            await holding;
            if (!recorded)
            {
                await ReleaseAsync(lease);
            }
        }
    }

    // Renews the claim a few times per lease while the run lasts; a claim lost ends the run.
    private async Task HoldAsync(WatchLease lease, CancellationTokenSource run)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.Lease / 3, time, run.Token);
                if (await store.RenewAsync(lease, time.GetUtcNow() + _options.Lease, run.Token) is null)
                {
                    LogClaimLost(lease.Watch.Id);
                    await run.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The database is unreachable: the run goes on; its record is refused if the claim lapses.
            LogRenewFailed(ex, lease.Watch.Id);
        }
    }

    private async Task<bool> RecordCrashAsync(WatchLease lease)
    {
        var now = time.GetUtcNow();
        var run = new WatchRunSummary
        {
            StartedAt = now,
            FinishedAt = now,
            Domains = lease.Watch.Domains.Count,
            Errors = [new WatchRunError("*", "internal error while running this watch")],
        };
        try
        {
            var finished = WatchRunEvent.Draft(lease.Watch.Id, WatchRunEvent.Finished, run);
            return await store.RecordAsync(lease, new WatchRecord([], [finished], run), now, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRecordFailed(ex, lease.Watch.Id);
            return false;
        }
    }

    private async Task ReleaseAsync(WatchLease lease)
    {
        try
        {
            await store.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not released: it lapses after Watches:LeaseSeconds instead.
            LogRecordFailed(ex, lease.Watch.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for due watches; trying again at the next poll")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch {WatchId}: its run crashed")]
    private partial void LogRunCrashed(Exception exception, string watchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {WatchId}: its claim was taken over; this run stops")]
    private partial void LogClaimLost(string watchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {WatchId}: could not renew its claim")]
    private partial void LogRenewFailed(Exception exception, string watchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {WatchId}: could not write to the job database; the claim lapses instead")]
    private partial void LogRecordFailed(Exception exception, string watchId);
}

using System.Collections.Concurrent;
using JobStream.Application.Hosting;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Scraping.Runs;

/// <summary>
/// Scrapes that outlive the request that started them, so a client whose connection drops can come
/// back (EventSource does, with Last-Event-ID) and pick up the same run instead of starting a new
/// scrape against the same sites. A run is a hub connection owned by no user: its events get ids and
/// a history (in Redis when configured, so any instance can resume it) kept for
/// <see cref="HubOptions.ConnectionTtlSeconds"/>. A run nobody follows on this instance for
/// <see cref="ScrapingOptions.RunGraceSeconds"/> is cancelled: work for a client that has gone is not
/// done for long.
/// </summary>
public sealed partial class ScrapeRuns(
    IStreamBus bus,
    IConnectionRegistry connections,
    IServiceScopeFactory scopes,
    IOptions<ScrapingOptions> options,
    IOptions<HubOptions> hub,
    TimeProvider clock,
    ILogger<ScrapeRuns> logger) : IHostedService, IDisposable
{
    /// <summary>The owner of a run's connection: no user's subject, so no user can join it as theirs.</summary>
    public const string RunOwner = "";

    private readonly ConcurrentDictionary<string, Run> _running = new(StringComparer.Ordinal);
    private readonly StopSignal _stopping = new();

    /// <summary>Runs executing on this instance.</summary>
    public int Running => _running.Count;

    /// <summary>Starts a run on this instance; its events go to the returned run's connection.</summary>
    public async Task<string> BeginAsync(IReadOnlyList<string> domains, bool withProgress, CancellationToken cancellationToken)
    {
        var connection = await connections.CreateConnectionAsync(RunOwner, cancellationToken);
        var run = new Run(connection.Id, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _running[run.Id] = run;
        run.Execution = Task.Run(() => ExecuteAsync(run, domains, withProgress), CancellationToken.None);
        LogStarted(run.Id, domains.Count);
        return run.Id;
    }

    /// <summary>
    /// Counts a follower of the run for as long as the lease lives. A run executing elsewhere (another
    /// instance) is not counted here.
    /// </summary>
    public IDisposable Follow(string runId) =>
        _running.TryGetValue(runId, out var run) ? run.Follow(TimeSpan.FromSeconds(options.Value.RunGraceSeconds), clock) : NoLease.Instance;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The host may stop a hosted service after the container has disposed it, or while it does:
    // StopSignal makes stopping and disposing each happen once.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping.Stop())
        {
            await Task.WhenAll(_running.Values.Select(run => run.Execution)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private const int MaxPublishesInFlight = 64;

    private async Task ExecuteAsync(Run run, IReadOnlyList<string> domains, bool withProgress)
    {
        var topic = StreamTopic.Connection(run.Id);
        // A run's events are sent in order without waiting for each to be acknowledged before the next, up
        // to MaxPublishesInFlight (the backplane keeps the order it is sent): on a busy instance, waiting for
        // each answer, then for a thread to carry on, held a result back up to a second and a half behind
        // its domain (bench/run.sh scrape, 1,000 domains).
        var sending = new Queue<Task>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var scraper = scope.ServiceProvider.GetRequiredService<DomainsScraper>();
            await foreach (var item in ScrapeEvents.Of(scraper, domains, withProgress, hub.Value.MaxPayloadBytes, run.Cancellation.Token))
            {
                sending.Enqueue(bus.PublishAsync(topic, item.Name, JsonPayload.From(item.Data), CancellationToken.None));
                if (sending.Count >= MaxPublishesInFlight)
                {
                    await sending.Dequeue();
                }
            }
            while (sending.TryDequeue(out var sent))
            {
                await sent;
            }
            LogFinished(run.Id);
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            var reason = _stopping.IsStopping ? "the server is stopping" : "no client followed it";
            LogCancelled(run.Id, reason);
            await PublishEndAsync(topic, $"The run was stopped: {reason}. Start a new one to scrape again.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, run.Id);
            await PublishEndAsync(topic, "The run failed on the server. Start a new one to scrape again.");
        }
        finally
        {
            // Whatever was still on its way when the run ended otherwise: its failure was the one above.
            await Task.WhenAll(sending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _running.TryRemove(run.Id, out _);
            run.Dispose();
        }
    }

    private async Task PublishEndAsync(StreamTopic topic, string message)
    {
        try
        {
            await bus.PublishAsync(topic, ScrapeEvents.Error, JsonPayload.From(new { message }), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEndNotPublished(ex, topic.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape run {RunId} started: {Count} domains")]
    private partial void LogStarted(string runId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape run {RunId} finished")]
    private partial void LogFinished(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scrape run {RunId} cancelled: {Reason}")]
    private partial void LogCancelled(string runId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scrape run {RunId} failed")]
    private partial void LogFailed(Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of scrape run {RunId} could not be published")]
    private partial void LogEndNotPublished(Exception exception, string runId);

    private sealed class Run(string id, CancellationTokenSource cancellation) : IDisposable
    {
        private readonly Lock _gate = new();
        private int _followers;
        private ITimer? _grace;

        public string Id { get; } = id;

        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Execution { get; set; } = Task.CompletedTask;

        public IDisposable Follow(TimeSpan grace, TimeProvider clock)
        {
            lock (_gate)
            {
                _followers++;
                _grace?.Dispose();
                _grace = null;
            }
            return new Lease(() => Unfollow(grace, clock));
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _grace?.Dispose();
            }
            Cancellation.Dispose();
        }

        // The last follower gone: cancel the run unless one comes back within the grace time.
        private void Unfollow(TimeSpan grace, TimeProvider clock)
        {
            lock (_gate)
            {
                if (--_followers > 0)
                {
                    return;
                }
                _grace?.Dispose();
                _grace = clock.CreateTimer(_ => CancelIfUnfollowed(), null, grace, Timeout.InfiniteTimeSpan);
            }
        }

        private void CancelIfUnfollowed()
        {
            lock (_gate)
            {
                if (_followers > 0)
                {
                    return;
                }
            }
            try
            {
                Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended meanwhile.
            }
        }
    }

    private sealed class Lease(Action release) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }
        }
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}

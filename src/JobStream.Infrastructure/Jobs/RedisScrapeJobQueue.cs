using System.Runtime.CompilerServices;
using System.Text.Json;
using JobStream.Application.Errors;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Serialization;
using JobStream.Application.Telemetry;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Jobs;

/// <summary>
/// Jobs in a capped Redis stream read through a consumer group, so each job goes to one worker of any
/// instance. A worker renews its claim while the job runs (XCLAIM JUSTID resets its idle time), so a
/// job whose worker died, and only such a job, is claimed again by another (XAUTOCLAIM after
/// <see cref="JobsOptions.ReclaimAfterSeconds"/> without renewal), with its delivery count. A finished
/// job is acknowledged and deleted; one released by a stopping worker is queued again at once. A job is
/// queued as its parts, one entry per domain, in one script; nothing is trimmed: a job whose parts would
/// take the stream past <see cref="JobsOptions.MaxQueueLength"/> entries is refused instead, so no
/// accepted job is dropped. Reads do not block: a blocking XREADGROUP would hold up the shared
/// multiplexer, so an idle worker polls, and is woken at once when this instance queues a job. A worker
/// with room for several parts takes that many in one read.
/// </summary>
public sealed partial class RedisScrapeJobQueue(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    IOptions<JobsOptions> jobsOptions,
    TimeProvider clock,
    ILogger<RedisScrapeJobQueue> logger) : IScrapeJobQueue, IJobQueueStats
{
    private const string Group = "workers";
    private const string JobField = "job";

    // Creates the group unless it exists, atomically, so that concurrent workers neither fail nor
    // tell "already exists" from a real error by its message. KEYS: the stream. ARGV: the group.
    private const string EnsureGroup = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
            for i = 1, #group, 2 do
              if group[i] == 'name' and group[i + 1] == ARGV[1] then return 0 end
            end
          end
        end
        redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
        return 1
        """;

    // Queues a job's parts unless the stream would then hold more than the limit. KEYS: the stream.
    // ARGV: the field, the limit, then one part per argument. Returns -1 when queued, else the entries waiting.
    private const string AddUnlessFull = """
        local waiting = redis.call('XLEN', KEYS[1])
        if waiting + #ARGV - 2 > tonumber(ARGV[2]) then return waiting end
        for i = 3, #ARGV do redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i]) end
        return -1
        """;

    // Replaces a taken job by its parts, in one step (a job of several domains queued whole, as instances
    // before the split did). KEYS: the stream. ARGV: the group, the job's entry id, the field, then one
    // part per argument.
    private const string Split = """
        for i = 4, #ARGV do redis.call('XADD', KEYS[1], '*', ARGV[3], ARGV[i]) end
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        return #ARGV - 3
        """;

    private readonly RedisKey _key = redisOptions.Value.KeyPrefix + "jobs";
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}";
    private readonly JobsOptions _options = jobsOptions.Value;

    // Completed (and replaced) when this instance queues a job, so its own idle worker reads at once
    // instead of at its next poll.
    private TaskCompletionSource _queuedHere = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JobQueueSnapshot _snapshot = JobQueueSnapshot.Empty;
    private long _snapshotTakenAt;

    private IDatabase Database => redis.GetDatabase();

    /// <summary>As the worker loop last saw it (at most once a second); empty where no worker runs.</summary>
    public JobQueueSnapshot Snapshot => _snapshot;

    public async Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var parts = job.Parts();
        var waiting = (long)await Database.ScriptEvaluateAsync(
            AddUnlessFull,
            [_key],
            [JobField, _options.MaxQueueLength, .. Entries(parts)]);
        if (waiting >= 0)
        {
            throw new JobQueueFullException(waiting, _options.MaxQueueLength);
        }
        Interlocked.Exchange(ref _queuedHere, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async IAsyncEnumerable<QueuedScrapeJob> ReadAsync(Func<int> room, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(room);
        await EnsureGroupAsync(cancellationToken);
        // Often enough that a dead worker's job waits little longer than ReclaimAfterSeconds.
        var reclaimEvery = TimeSpan.FromSeconds(Math.Min(5, _options.ReclaimAfterSeconds));
        var lastReclaim = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var taken = new List<(StreamEntry Entry, int Deliveries)>();
            var queuedHere = Volatile.Read(ref _queuedHere).Task; // before the read, so no job queued after it is missed
            try
            {
                // As many as the worker could start now and no more, so a job is never held here,
                // unrenewed, while others could run it; a thousand parts are a few reads, not a thousand.
                var wanted = Math.Clamp(room(), 1, _options.MaxConcurrentParts);
                if (lastReclaim == 0 || clock.GetElapsedTime(lastReclaim) > reclaimEvery)
                {
                    lastReclaim = clock.GetTimestamp();
                    var claimed = await Database.StreamAutoClaimAsync(_key, Group, _consumer, _options.ReclaimAfterSeconds * 1000L, "0-0", count: wanted);
                    foreach (var entry in claimed.ClaimedEntries)
                    {
                        taken.Add((entry, await DeliveriesAsync(entry.Id)));
                    }
                }
                if (taken.Count < wanted)
                {
                    foreach (var entry in await Database.StreamReadGroupAsync(_key, Group, _consumer, StreamPosition.NewMessages, count: wanted - taken.Count))
                    {
                        taken.Add((entry, 1));
                    }
                }
                await RefreshSnapshotAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogReadFailed(ex.Message);
                // Redis may have lost the group (a restart without persistence): make sure it is there.
                await EnsureGroupAsync(cancellationToken);
            }

            foreach (var (entry, deliveries) in taken)
            {
                if (Parse(entry) is { } job)
                {
                    yield return new QueuedScrapeJob(job, deliveries, new Claim(this, entry.Id, entry[JobField]));
                }
                else
                {
                    LogUnreadable(entry.Id!);
                    await new Claim(this, entry.Id, RedisValue.Null).AcknowledgeAsync();
                }
            }
            if (taken.Count == 0)
            {
                await Task.WhenAny(queuedHere, Task.Delay(TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds), clock, cancellationToken));
            }
        }
    }

    private async Task<int> DeliveriesAsync(RedisValue id)
    {
        var pending = await Database.StreamPendingMessagesAsync(_key, Group, 1, RedisValue.Null, minId: id, maxId: id);
        return pending.Length > 0 ? pending[0].DeliveryCount : 1;
    }

    // Waiting = delivered but unacknowledged (pending) + not yet delivered (the group's lag); the oldest
    // is the lowest pending id, or else the first entry after the last delivered one. A stream id
    // starts with its milliseconds.
    private async Task RefreshSnapshotAsync()
    {
        if (clock.GetElapsedTime(Interlocked.Read(ref _snapshotTakenAt)) < TimeSpan.FromSeconds(1))
        {
            return;
        }
        Interlocked.Exchange(ref _snapshotTakenAt, clock.GetTimestamp());
        var group = (await Database.StreamGroupInfoAsync(_key)).FirstOrDefault(g => g.Name == Group);
        var pending = await Database.StreamPendingAsync(_key, Group);
        var waiting = pending.PendingMessageCount + (group.Lag ?? 0);
        RedisValue oldest = pending.PendingMessageCount > 0 ? pending.LowestPendingMessageId : RedisValue.Null;
        if (oldest.IsNull && waiting > 0 && group.LastDeliveredId is { } delivered)
        {
            var next = await Database.StreamRangeAsync(_key, "(" + delivered, "+", count: 1);
            oldest = next.Length > 0 ? next[0].Id : RedisValue.Null;
        }
        var age = !oldest.IsNull && long.TryParse(((string)oldest!).Split('-')[0], out var milliseconds)
            ? clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : TimeSpan.Zero;
        _snapshot = new JobQueueSnapshot(waiting, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    private async Task EnsureGroupAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Database.ScriptEvaluateAsync(EnsureGroup, [_key], [Group]);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogReadFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    private static IEnumerable<RedisValue> Entries(IEnumerable<ScrapeJob> parts) =>
        parts.Select(part => (RedisValue)JsonSerializer.Serialize(part, JsonDefaults.Options));

    private static ScrapeJob? Parse(StreamEntry entry)
    {
        var value = entry[JobField];
        if (value.IsNull)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ScrapeJob>(((ReadOnlyMemory<byte>)value).Span, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Claim(RedisScrapeJobQueue queue, RedisValue id, RedisValue job) : IQueuedJobClaim
    {
        private IDatabase Database => queue.Database;

        public async Task AcknowledgeAsync()
        {
            var transaction = Database.CreateTransaction();
            _ = transaction.StreamAcknowledgeAsync(queue._key, Group, id);
            _ = transaction.StreamDeleteAsync(queue._key, [id]);
            await transaction.ExecuteAsync();
        }

        public Task RenewAsync() => Database.StreamClaimIdsOnlyAsync(queue._key, Group, queue._consumer, 0, [id]);

        public Task SplitAsync(IReadOnlyList<ScrapeJob> parts) =>
            Database.ScriptEvaluateAsync(
                Split,
                [queue._key],
                [Group, id, JobField, .. Entries(parts)]);

        // Left pending and no longer renewed: another worker (or this one) claims it once it has been
        // idle ReclaimAfterSeconds, which counts a delivery.
        public Task AbandonAsync() => Task.CompletedTask;

        // Queued again as a new entry, which any worker reads at once, rather than left to be reclaimed.
        public async Task ReleaseAsync()
        {
            var transaction = Database.CreateTransaction();
            _ = transaction.StreamAddAsync(queue._key, JobField, job);
            _ = transaction.StreamAcknowledgeAsync(queue._key, Group, id);
            _ = transaction.StreamDeleteAsync(queue._key, [id]);
            await transaction.ExecuteAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading scrape jobs from Redis failed: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped unreadable scrape job {EntryId}")]
    private partial void LogUnreadable(string entryId);
}

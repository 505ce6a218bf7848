using System.Runtime.CompilerServices;
using System.Text.Json;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Serialization;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Jobs;

/// <summary>
/// Jobs in a Redis stream read through a consumer group, so each job goes to one worker of any
/// instance, and a job whose worker died unacknowledged is claimed again by another
/// (XAUTOCLAIM after <see cref="JobsOptions.ReclaimAfterSeconds"/>). Reads do not block: a blocking
/// XREADGROUP would hold up the shared multiplexer, so an idle worker polls.
/// </summary>
public sealed partial class RedisScrapeJobQueue(
    RedisConnection redis,
    IOptions<RedisOptions> redisOptions,
    IOptions<JobsOptions> jobsOptions,
    TimeProvider clock,
    ILogger<RedisScrapeJobQueue> logger) : IScrapeJobQueue
{
    private const string Group = "workers";
    private readonly string _key = redisOptions.Value.KeyPrefix + "jobs";
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}";
    private readonly JobsOptions _options = jobsOptions.Value;

    public Task EnqueueAsync(ScrapeJob job, CancellationToken cancellationToken) =>
        redis.ExecuteAsync("XADD", _key, "*", "job", JsonSerializer.Serialize(job, JsonDefaults.Options));

    public async IAsyncEnumerable<QueuedScrapeJob> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureGroupAsync(cancellationToken);
        var lastReclaim = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            var entries = new List<RedisReply>();
            try
            {
                if (clock.GetUtcNow() - lastReclaim > TimeSpan.FromSeconds(Math.Min(60, _options.ReclaimAfterSeconds)))
                {
                    lastReclaim = clock.GetUtcNow();
                    var claimed = await redis.ExecuteAsync("XAUTOCLAIM", _key, Group, _consumer, _options.ReclaimAfterSeconds * 1000L, "0-0", "COUNT", 10);
                    entries.AddRange(claimed.Items?[1].Items ?? []);
                }
                var read = await redis.ExecuteAsync("XREADGROUP", "GROUP", Group, _consumer, "COUNT", 1, "STREAMS", _key, ">");
                entries.AddRange(read.Items?[0].Items?[1].Items ?? []);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogReadFailed(ex.Message);
                if (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
                {
                    await EnsureGroupAsync(cancellationToken); // Redis lost the group (a restart without persistence)
                }
            }

            foreach (var entry in entries)
            {
                var id = entry.Items![0].Text!;
                if (Parse(entry) is { } job)
                {
                    yield return new QueuedScrapeJob(job, () => redis.ExecuteAsync("XACK", _key, Group, id));
                }
                else
                {
                    LogUnreadable(id);
                    await redis.ExecuteAsync("XACK", _key, Group, id);
                }
            }
            if (entries.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.PollIntervalMilliseconds), clock, cancellationToken);
            }
        }
    }

    private async Task EnsureGroupAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await redis.ExecuteAsync("XGROUP", "CREATE", _key, Group, "0", "MKSTREAM");
                return;
            }
            catch (StackExchange.Redis.RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
            {
                return;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                LogReadFailed(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    private static ScrapeJob? Parse(RedisReply entry)
    {
        var fields = entry.Items![1].Items ?? [];
        for (var i = 0; i + 1 < fields.Count; i += 2)
        {
            if (fields[i].Text == "job")
            {
                try
                {
                    return JsonSerializer.Deserialize<ScrapeJob>(fields[i + 1].Bulk, JsonDefaults.Options);
                }
                catch (JsonException)
                {
                    return null;
                }
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading scrape jobs from Redis failed: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped unreadable scrape job {EntryId}")]
    private partial void LogUnreadable(string entryId);
}

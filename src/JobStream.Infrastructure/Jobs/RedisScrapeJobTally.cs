using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Domain.Scraping;
using JobStream.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Jobs;

/// <summary>
/// A job's finished parts in one Redis hash, <c>{prefix}{job:ID}:parts</c> (one key, so one shard of a
/// cluster): a field per part index, set once, and two counters beside them. Recording and counting are
/// one script, so two workers finishing the last two parts at once see the job complete exactly as
/// often as they should: the second one. The hash lives a day past its last part.
/// </summary>
public sealed class RedisScrapeJobTally(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : IScrapeJobTally
{
    private const string Succeeded = "#succeeded";
    private const string Failed = "#failed";
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    // KEYS: the hash. ARGV: part index, "1" or "0", seconds to keep. Returns {succeeded, failed}.
    private static readonly LuaScript Record = LuaScript.Prepare("""
        if redis.call('HSETNX', @key, @part, @outcome) == 1 then
          redis.call('HINCRBY', @key, @outcome == '1' and '#succeeded' or '#failed', 1)
        end
        redis.call('EXPIRE', @key, @seconds)
        return { tonumber(redis.call('HGET', @key, '#succeeded') or '0'), tonumber(redis.call('HGET', @key, '#failed') or '0') }
        """);

    public async Task<int> CountAsync(string jobId, CancellationToken cancellationToken)
    {
        var counts = await redis.GetDatabase().HashGetAsync(KeyOf(jobId), [Succeeded, Failed]);
        return counts.Sum(count => count.IsNull ? 0 : (int)count);
    }

    public async Task<ScrapeSummary?> RecordAsync(ScrapeJob part, bool succeeded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(part);
        var counts = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Record, new
        {
            key = KeyOf(part.JobId),
            part = part.PartOrWhole.Index,
            outcome = succeeded ? "1" : "0",
            seconds = (long)KeptFor.TotalSeconds,
        }))!;
        var ok = (int)counts[0];
        var failed = (int)counts[1];
        var of = part.PartOrWhole.Of;
        return ok + failed >= of ? new ScrapeSummary(of, ok, of - ok) : null;
    }

    private RedisKey KeyOf(string jobId) => $"{options.Value.KeyPrefix}{{job:{jobId}}}:parts";
}

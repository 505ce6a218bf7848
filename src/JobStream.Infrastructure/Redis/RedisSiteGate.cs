using JobStream.Infrastructure.Scraping.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Redis;

/// <summary>
/// The per-site request limit and interval (<see cref="HttpScraperOptions.MaxConcurrentRequestsPerHost"/>,
/// <see cref="HttpScraperOptions.MinRequestIntervalMilliseconds"/>) held across every instance through
/// Redis: a sorted set of the requests in flight (each with the time its hold lapses, so a killed
/// worker's holds free themselves) and the earliest next start, <c>{prefix}{site:NAME}:inflight</c> and
/// <c>:next</c> (one hash tag, one shard). One script admits a request or says the site is full, on
/// Redis's clock, so instances whose clocks differ still space their requests. While Redis cannot be
/// reached, requests go on under each process's own throttle and a warning is logged: politeness
/// degrades, scraping does not stop.
/// </summary>
public sealed partial class RedisSiteGate(
    IConnectionMultiplexer redis,
    IOptions<RedisOptions> redisOptions,
    IOptions<HttpScraperOptions> httpOptions,
    TimeProvider clock,
    ILogger<RedisSiteGate> logger) : ISharedSiteGate
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(250);

    // Returns the milliseconds to wait before starting (the site's interval), or -1 when the site is full.
    private static readonly LuaScript Enter = LuaScript.Prepare("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZREMRANGEBYSCORE', @inflight, '-inf', now)
        if redis.call('ZCARD', @inflight) >= tonumber(@limit) then return -1 end
        local start = math.max(now, tonumber(redis.call('GET', @next) or '0'))
        local interval = tonumber(@interval)
        if interval > 0 then redis.call('SET', @next, start + interval, 'PX', start - now + interval) end
        local lapses = start + tonumber(@hold)
        redis.call('ZADD', @inflight, lapses, @request)
        redis.call('PEXPIREAT', @inflight, lapses)
        return start - now
        """);

    private readonly string _prefix = redisOptions.Value.KeyPrefix;
    private long _lastWarning;

    public async Task<IDisposable> EnterAsync(string site, CancellationToken cancellationToken)
    {
        var options = httpOptions.Value;
        var inflight = (RedisKey)$"{_prefix}{{site:{site}}}:inflight";
        var request = Guid.NewGuid().ToString("N");
        // A hold outlives the longest a request may take, then lapses by itself.
        var hold = (options.RequestTimeoutSeconds + 5) * 1000L;
        var poll = FirstPoll;
        while (true)
        {
            long wait;
            try
            {
                wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(Enter, new
                {
                    inflight,
                    next = (RedisKey)$"{_prefix}{{site:{site}}}:next",
                    limit = options.MaxConcurrentRequestsPerHost,
                    interval = options.MinRequestIntervalMilliseconds,
                    hold,
                    request,
                });
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                WarnUnshared(ex.Message);
                return NoHold.Instance;
            }
            if (wait >= 0)
            {
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), clock, cancellationToken);
                }
                return new Hold(redis, inflight, request);
            }
            await Task.Delay(poll, clock, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }

    // Once a minute at most: a Redis outage would otherwise log once per request.
    private void WarnUnshared(string reason)
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == 0 || clock.GetElapsedTime(last) > TimeSpan.FromMinutes(1)) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            LogUnshared(reason);
        }
    }

    private sealed class Hold(IConnectionMultiplexer redis, RedisKey inflight, string request) : IDisposable
    {
        private int _released;

        // Not waited for: if it is lost, the hold lapses by itself.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _ = redis.GetDatabase().SortedSetRemoveAsync(inflight, request, CommandFlags.FireAndForget);
            }
        }
    }

    private sealed class NoHold : IDisposable
    {
        public static readonly NoHold Instance = new();

        public void Dispose()
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Per-site politeness is held by this instance alone for now: Redis did not answer ({Reason})")]
    private partial void LogUnshared(string reason);
}

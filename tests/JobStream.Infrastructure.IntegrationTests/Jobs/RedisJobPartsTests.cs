using System.Collections.Concurrent;
using System.Diagnostics;
using JobStream.Application.Errors;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Infrastructure.Jobs;
using JobStream.Infrastructure.Redis;
using JobStream.Infrastructure.Scraping.Http;
using JobStream.TestServers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.IntegrationTests.Jobs;

// A job split into parts through a real redis-server: the queue's split, its limit, the tally shared by
// the workers, and the per-site gate that two instances (two connections) share.
[NonParallelizable]
public sealed class RedisJobPartsTests
{
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        _redis = await RedisServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    [Test]
    public async Task A_job_is_queued_as_one_part_per_domain_which_any_worker_takes()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"split{Guid.NewGuid():N}:";
        await Queue(redis, prefix).EnqueueAsync(new ScrapeJob("j1", ["a.test", "b.test", "c.test"], "c0ffee"), default);

        Assert.That(await redis.GetDatabase().StreamLengthAsync($"{prefix}jobs"), Is.EqualTo(3));
        var parts = await TakeAsync(Queue(redis, prefix), 3);
        Assert.That(parts.Select(part => (part.Domains.Single(), part.Part)), Is.EqualTo(new[]
        {
            ("a.test", new ScrapeJobPart(0, 3)), ("b.test", new ScrapeJobPart(1, 3)), ("c.test", new ScrapeJobPart(2, 3)),
        }));
        Assert.That(parts.Select(part => (part.JobId, part.ConnectionId)).Distinct(), Is.EqualTo(new[] { ("j1", (string?)"c0ffee") }));
    }

    [Test]
    public async Task A_worker_with_room_for_several_parts_takes_that_many_in_one_read_and_no_more()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"room{Guid.NewGuid():N}:";
        var queue = Queue(redis, prefix);
        await queue.EnqueueAsync(new ScrapeJob("j3", [.. Enumerable.Range(0, 10).Select(i => $"d{i}.test")], null), default);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var reader = queue.ReadAsync(() => 4, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.That(await reader.MoveNextAsync(), Is.True);

        var pending = await redis.GetDatabase().StreamPendingAsync($"{prefix}jobs", "workers");
        Assert.That(pending.PendingMessageCount, Is.EqualTo(4), "taken together: the one asked for and three more the worker has room for");
        var taken = new List<string> { reader.Current.Job.Domains.Single() };
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await reader.MoveNextAsync(), Is.True);
            taken.Add(reader.Current.Job.Domains.Single());
        }
        Assert.That(taken, Is.EqualTo(new[] { "d0.test", "d1.test", "d2.test", "d3.test" }));
        Assert.That((await redis.GetDatabase().StreamPendingAsync($"{prefix}jobs", "workers")).PendingMessageCount, Is.EqualTo(4), "none more until asked");
    }

    [Test]
    public async Task An_idle_worker_takes_a_job_queued_by_its_own_instance_without_waiting_for_its_next_poll()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"wake{Guid.NewGuid():N}:";
        var queue = Queue(redis, prefix, pollMilliseconds: 10_000);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var reader = queue.ReadAsync(() => 1, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = reader.MoveNextAsync().AsTask();
        await Task.Delay(500, stop.Token); // the worker has read an empty queue and waits for its next poll

        var queued = Stopwatch.StartNew();
        await queue.EnqueueAsync(new ScrapeJob("j4", ["a.test"], null), default);

        Assert.That(await next, Is.True);
        Assert.That(queued.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "taken before the ten-second poll came round");
    }

    [Test]
    public async Task A_job_queued_whole_by_an_older_instance_is_replaced_by_its_parts_in_one_step()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"whole{Guid.NewGuid():N}:";
        await redis.GetDatabase().StreamAddAsync($"{prefix}jobs", "job", """{"job_id":"j2","domains":["a.test","b.test"],"connection_id":null}""");
        var queue = Queue(redis, prefix);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var taken = await queue.ReadAsync(() => 1, stop.Token).FirstAsync(stop.Token);
        Assert.That(taken.Job.RunsWhole, Is.False);
        await taken.SplitAsync(taken.Job.Split());
        var parts = await TakeAsync(queue, 2);

        Assert.That(parts.Select(part => (part.JobId, part.Domains.Single(), part.Part)), Is.EqualTo(new[] { ("j2", "a.test", new ScrapeJobPart(0, 2)), ("j2", "b.test", new ScrapeJobPart(1, 2)) }));
        Assert.That(await redis.GetDatabase().StreamLengthAsync($"{prefix}jobs"), Is.Zero, "the whole job left the queue with its split, the parts as they were done");
    }

    [Test]
    public async Task A_job_that_would_take_the_queue_past_its_limit_is_refused_and_nothing_queued_is_dropped()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"full{Guid.NewGuid():N}:";
        var queue = Queue(redis, prefix, maxQueueLength: 100);
        for (var i = 0; i < 99; i++)
        {
            await queue.EnqueueAsync(new ScrapeJob($"j{i}", ["a.test"], null), default);
        }

        var refused = Assert.ThrowsAsync<JobQueueFullException>(() => queue.EnqueueAsync(new ScrapeJob("big", ["a.test", "b.test"], null), default));
        await queue.EnqueueAsync(new ScrapeJob("last", ["a.test"], null), default);

        Assert.That(refused!.Waiting, Is.EqualTo(99));
        Assert.That(await redis.GetDatabase().StreamLengthAsync($"{prefix}jobs"), Is.EqualTo(100), "every job accepted is still there");
    }

    [Test]
    public async Task The_tally_counts_each_part_once_and_only_the_last_part_finds_the_job_complete()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var tally = new RedisScrapeJobTally(redis, Options.Create(new RedisOptions { KeyPrefix = $"tally{Guid.NewGuid():N}:" }));
        var parts = new ScrapeJob("j", ["a.test", "b.test", "c.test"], null).Split();

        var first = await tally.RecordAsync(parts[0], succeeded: true, default);
        var again = await tally.RecordAsync(parts[0], succeeded: false, default); // its worker died after recording: run again
        var second = await tally.RecordAsync(parts[2], succeeded: false, default);
        var counted = await tally.CountAsync("j", default);
        var last = await tally.RecordAsync(parts[1], succeeded: true, default);
        var late = await tally.RecordAsync(parts[1], succeeded: true, default);

        Assert.That((first, again, second), Is.EqualTo((default(Domain.Scraping.ScrapeSummary), default(Domain.Scraping.ScrapeSummary), default(Domain.Scraping.ScrapeSummary))));
        Assert.That(counted, Is.EqualTo(2));
        Assert.That(last, Is.EqualTo(new Domain.Scraping.ScrapeSummary(3, 2, 1)), "the first outcome of part 0 stands");
        Assert.That(late, Is.EqualTo(last), "a part run again after the end finds the same summary, so its completed is the same event");
    }

    [Test]
    public async Task Two_instances_sharing_the_gate_never_have_more_requests_to_a_site_in_hand_than_its_limit()
    {
        await using var one = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        await using var two = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"gate{Guid.NewGuid():N}:";
        var http = new HttpScraperOptions { MaxConcurrentRequestsPerHost = 2, MinRequestIntervalMilliseconds = 0 };
        ISharedSiteGate[] gates = [Gate(one, prefix, http), Gate(two, prefix, http)];
        var inHand = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using (await gates[i % 2].EnterAsync("acme.test", default))
            {
                var now = Interlocked.Increment(ref inHand);
                Atomic.RaiseTo(ref most, now);
                await Task.Delay(10);
                Interlocked.Decrement(ref inHand);
            }
        }));

        Assert.That(most, Is.EqualTo(2), "up to the limit, never past it");
    }

    [Test]
    public async Task Requests_to_a_site_start_the_sites_interval_apart_whichever_instance_sends_them()
    {
        await using var one = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        await using var two = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"gate{Guid.NewGuid():N}:";
        var http = new HttpScraperOptions { MaxConcurrentRequestsPerHost = 8, MinRequestIntervalMilliseconds = 100 };
        ISharedSiteGate[] gates = [Gate(one, prefix, http), Gate(two, prefix, http)];
        var starts = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using (await gates[i % 2].EnterAsync("acme.test", default))
            {
                starts.Add(clock.Elapsed);
            }
        }));

        var ordered = starts.Order().ToList();
        var gaps = ordered.Zip(ordered.Skip(1), (a, b) => (b - a).TotalMilliseconds);
        // Each start waits the time Redis names, then a timer's lateness: allow that much less.
        Assert.That(gaps, Has.All.GreaterThanOrEqualTo(75));
    }

    [Test]
    public async Task A_hold_whose_instance_died_lapses_by_itself()
    {
        await using var dead = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        await using var live = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var prefix = $"gate{Guid.NewGuid():N}:";
        // A hold lasts the request timeout and five seconds more.
        var http = new HttpScraperOptions { MaxConcurrentRequestsPerHost = 1, MinRequestIntervalMilliseconds = 0, RequestTimeoutSeconds = 1 };
        _ = await Gate(dead, prefix, http).EnterAsync("acme.test", default); // never given back: its instance was killed
        var clock = Stopwatch.StartNew();

        using (await Gate(live, prefix, http).EnterAsync("acme.test", new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token))
        {
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(4)), "it waited for the hold to lapse, not less");
        }
    }

    [Test]
    public async Task Without_Redis_requests_go_on_under_each_instances_own_throttle()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{server.Configuration},abortConnect=false,connectTimeout=500,syncTimeout=500,asyncTimeout=500");
        var gate = Gate(redis, "gone:", new HttpScraperOptions());
        await server.StopAsync();

        using var entered = await gate.EnterAsync("acme.test", new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.That(entered, Is.Not.Null);
    }

    private static async Task<List<ScrapeJob>> TakeAsync(RedisScrapeJobQueue queue, int count)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var parts = new List<ScrapeJob>();
        await foreach (var part in queue.ReadAsync(() => 1, stop.Token))
        {
            parts.Add(part.Job);
            await part.AcknowledgeAsync();
            if (parts.Count == count)
            {
                break;
            }
        }
        return parts;
    }

    private static RedisScrapeJobQueue Queue(IConnectionMultiplexer redis, string prefix, int maxQueueLength = 100_000, int pollMilliseconds = 20) => new(
        redis,
        Options.Create(new RedisOptions { KeyPrefix = prefix }),
        Options.Create(new JobsOptions { MaxQueueLength = maxQueueLength, PollIntervalMilliseconds = pollMilliseconds }),
        TimeProvider.System,
        NullLogger<RedisScrapeJobQueue>.Instance);

    private static RedisSiteGate Gate(IConnectionMultiplexer redis, string prefix, HttpScraperOptions http) => new(
        redis, Options.Create(new RedisOptions { KeyPrefix = prefix }), Options.Create(http), TimeProvider.System, NullLogger<RedisSiteGate>.Instance);
}

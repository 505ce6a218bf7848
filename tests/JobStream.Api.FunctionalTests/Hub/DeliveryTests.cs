using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JobStream.Api.FunctionalTests.Hub;

// Nothing lost, nothing twice: numbered events from an outside producer using the documented Python
// functions, read by a client that reconnects as EventSource does (Last-Event-ID), across instances,
// a Redis restart, an instance killed with SIGKILL, a worker killed mid-job and a graceful shutdown.
[NonParallelizable]
public sealed class DeliveryTests
{
    private const string Python = "/usr/bin/python3";

    [OneTimeSetUp]
    public void Prerequisites()
    {
        Assert.That(RedisServer.IsInstalled, Is.True, $"{RedisServer.Executable} is missing: scripts/test.sh installs it");
        Assert.That(File.Exists(Python), Is.True, "Debian's python3 with python3-redis is missing: scripts/test.sh installs it");
    }

    [Test]
    public async Task Ten_thousand_events_from_the_python_producer_arrive_once_and_in_order_over_twenty_cuts_alternating_instances()
    {
        await using var redis = await RedisServer.StartAsync();
        // The client reads slower than the producer writes and lags by thousands of events when it cuts:
        // a history long enough for that (what a short one does is tested on its own).
        await using var a = await StartInstanceAsync(redis, ("Hub:HistoryLength", "20000"));
        await using var b = await StartInstanceAsync(redis, ("Hub:HistoryLength", "20000"));
        var connection = await NewConnectionAsync(a.Client, "numbers");

        var seed = Environment.TickCount;
        TestContext.Out.WriteLine($"cuts drawn with seed {seed}");
        var random = new Random(seed);
        var cuts = new Queue<int>(Enumerable.Range(0, 20).Select(_ => random.Next(1, 10_000)).Distinct().Order());
        var cutCount = cuts.Count;
        using var producer = StartProducer(redis, connection, count: 10_000, perSecond: 2_500);
        var reader = new NumberedReader("numbers", connection);

        await reader.ReadAsync([a.Client, b.Client], total: 10_000, cuts);

        Assert.That(await ExitCodeAsync(producer), Is.Zero);
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 10_000)), "every event once, in order");
        Assert.That(reader.Sessions, Is.EqualTo(cutCount + 1), "each cut, and only a cut, made the client reconnect");
        Assert.That(reader.Missed, Is.Zero);
    }

    [Test]
    public async Task A_redis_restart_mid_stream_loses_no_event_the_producer_was_told_was_published()
    {
        // As a deployment that must not lose acknowledged events runs Redis: appendfsync always.
        await using var redis = await RedisServer.StartAsync(persistent: true);
        await using var api = await StartInstanceAsync(redis, ("Hub:HistoryLength", "20000"));
        var connection = await NewConnectionAsync(api.Client, "restart");
        using var producer = StartProducer(redis, connection, count: 3_000, perSecond: 1_000);
        var reader = new NumberedReader("restart", connection);

        var reading = reader.ReadAsync([api.Client], total: 3_000);
        await HubStreamTests.WaitForAsync(() => Task.FromResult(reader.Count >= 800 || reading.IsCompleted));
        await redis.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await redis.StartAgainAsync();
        await reading;

        Assert.That(await ExitCodeAsync(producer), Is.Zero);
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 3_000)), "every event once, in order");
        Assert.That(reader.Sessions, Is.EqualTo(1), "the stream stayed open through the restart");
    }

    [Test]
    public async Task Clients_of_an_instance_killed_with_sigkill_resume_on_the_other_with_nothing_lost()
    {
        await using var redis = await RedisServer.StartAsync();
        // The client may lag by more than the default 500 events when the instance dies under it.
        await using var doomed = await StartInstanceAsync(redis, ("Hub:HistoryLength", "20000"));
        await using var survivor = await StartInstanceAsync(redis, ("Hub:HistoryLength", "20000"));
        var connection = await NewConnectionAsync(doomed.Client, "survivor");
        using var producer = StartProducer(redis, connection, count: 3_000, perSecond: 1_000);
        var reader = new NumberedReader("survivor", connection);

        var reading = reader.ReadAsync([doomed.Client, survivor.Client], total: 3_000);
        await HubStreamTests.WaitForAsync(() => Task.FromResult(reader.Count >= 1_000 || reading.IsCompleted));
        await doomed.KillAsync();
        await reading;

        Assert.That(await ExitCodeAsync(producer), Is.Zero);
        Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, 3_000)), "every event once, in order");
        Assert.That(reader.Sessions, Is.EqualTo(2), "one reconnect, to the survivor");
    }

    [Test]
    public async Task A_job_whose_worker_is_killed_is_finished_by_another_and_each_event_reaches_the_client_once()
    {
        var gate = new TaskCompletionSource();
        var slow = Corpus.JsonLd("slow-job", gate);
        await using var sites = await FixtureSiteServer.StartAsync([Corpus.JsonLd("fast-job"), slow]);
        await using var redis = await RedisServer.StartAsync();
        await using var api = await StartInstanceAsync(redis, ("Jobs:Role", "api"));
        (string, string)[] worker = [("Jobs:Role", "worker"), ("Jobs:ReclaimAfterSeconds", "3")];
        await using var first = await StartInstanceAsync(redis, worker);

        var token = TestTokens.For("worker-test");
        var (streamUrl, _) = await StartJobAsync(api.Client, token, sites["fast-job"].Url, slow.Url);
        await using var stream = await HubClient.ConnectAsync(api.Client, $"{streamUrl}?token={token}");
        var events = new List<System.Net.ServerSentEvents.SseItem<string>>();
        while (events.Count == 0 || events[^1].EventType != "result")
        {
            events.Add(await stream.NextAsync()); // the fast domain's result: the job is half done
        }
        await slow.FirstRequest.Task.WaitAsync(EventStreamReader.Patience);

        await first.KillAsync();
        gate.SetResult();
        await using var second = await StartInstanceAsync(redis, worker);
        events.AddRange(await ScrapeJobsTests.ReadUntilAsync(stream, "completed"));

        var results = events.Where(e => e.EventType == "result").Select(e => e.Json().GetProperty("domain").GetString()).ToList();
        Assert.That(results, Has.Count.EqualTo(2), "one result per domain, though the fast one was scraped twice");
        Assert.That(results, Is.Unique);
        Assert.That(events.Count(e => e.EventType == "completed"), Is.EqualTo(1));
        Assert.That(events.Select(e => e.EventId), Is.Unique, "no event twice");
        var progress = events.Where(e => e.EventType == "progress").Select(e => e.Data).ToList();
        Assert.That(progress, Is.Unique, "no progress step twice");
        Assert.That(events[^1].Json().GetProperty("total").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_running_job_keeps_its_claim_so_a_second_worker_never_takes_it()
    {
        var gate = new TaskCompletionSource();
        var slow = Corpus.JsonLd("long-job", gate);
        await using var sites = await FixtureSiteServer.StartAsync([slow]);
        await using var redis = await RedisServer.StartAsync();
        await using var api = await StartInstanceAsync(redis, ("Jobs:Role", "api"));
        (string, string)[] worker = [("Jobs:Role", "worker"), ("Jobs:ReclaimAfterSeconds", "2")];
        await using var one = await StartInstanceAsync(redis, worker);
        await using var other = await StartInstanceAsync(redis, worker);

        var token = TestTokens.For("long-job");
        var (streamUrl, _) = await StartJobAsync(api.Client, token, slow.Url);
        await slow.FirstRequest.Task.WaitAsync(EventStreamReader.Patience);
        await Task.Delay(TimeSpan.FromSeconds(7)); // more than three times the claim's lapse, while the site holds its answer
        gate.SetResult();
        await using var stream = await HubClient.ConnectAsync(api.Client, $"{streamUrl}?token={token}");
        var events = await ScrapeJobsTests.ReadUntilAsync(stream, "completed");

        Assert.That(slow.Requests.Count(path => path == "/"), Is.EqualTo(1), "one worker ran it: the other never took it over");
        Assert.That(events.Count(e => e.EventType == "result"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_worker_that_is_stopped_puts_its_running_job_back_and_another_runs_it_at_once()
    {
        var gate = new TaskCompletionSource();
        var held = Corpus.JsonLd("stopped-job", gate);
        await using var sites = await FixtureSiteServer.StartAsync([held]);
        await using var redis = await RedisServer.StartAsync();
        // The default claim lapses after a minute: only the released job can be taken within seconds.
        await using var first = new ApiFactory(("Redis:Configuration", redis.Configuration), ("Jobs:Role", "all"));
        first.StartServer();
        using var client = first.CreateClient();
        var token = TestTokens.For("stopped-job");
        var (_, connectionId) = await StartJobAsync(client, token, held.Url);
        await held.FirstRequest.Task.WaitAsync(EventStreamReader.Patience);

        first.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await HubStreamTests.WaitForAsync(() => Task.FromResult(first.Logs.Any(line => line.Contains("went back to the queue", StringComparison.Ordinal))));
        gate.SetResult();
        var clock = Stopwatch.StartNew();
        await using var second = new ApiFactory(("Redis:Configuration", redis.Configuration), ("Jobs:Role", "all"));
        second.StartServer();
        using var secondClient = second.CreateClient();
        await using var stream = await HubClient.ConnectAsync(secondClient, $"/api/v1/stream/{connectionId}?token={token}");
        var events = await ScrapeJobsTests.ReadUntilAsync(stream, "completed");

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "taken at once, not after the claim lapsed");
        Assert.That(events.Count(e => e.EventType == "result"), Is.EqualTo(1));
        Assert.That(events.Select(e => e.EventId), Is.Unique);
    }

    [Test]
    public async Task A_graceful_shutdown_under_load_moves_every_client_to_the_other_instance_with_nothing_lost()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var stopping = new ApiFactory(("Redis:Configuration", redis.Configuration), ("Streams:ReconnectAfterMilliseconds", "200"));
        await using var staying = new ApiFactory(("Redis:Configuration", redis.Configuration));
        stopping.StartServer();
        staying.StartServer();
        var clients = new[] { stopping.CreateClient(), staying.CreateClient() };
        foreach (var client in clients)
        {
            await HubStreamTests.WaitForAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode);
        }
        const int Clients = 40;
        const int Events = 200;
        var readers = new List<NumberedReader>();
        for (var i = 0; i < Clients; i++)
        {
            readers.Add(new NumberedReader($"load{i}", await NewConnectionAsync(clients[0], $"load{i}")));
        }
        var reading = readers.Select(reader => reader.ReadAsync(clients, total: Events)).ToList();
        var bus = staying.Services.GetRequiredService<IStreamBus>();
        var publishing = Task.Run(async () =>
        {
            for (var n = 0; n < Events; n++)
            {
                foreach (var reader in readers)
                {
                    await bus.PublishAsync(StreamTopic.Connection(reader.ConnectionId), "numbered", JsonPayload.From(new { n }), default);
                }
                await Task.Delay(5);
            }
        });
        await HubStreamTests.WaitForAsync(() => Task.FromResult(readers.All(reader => reader.Count >= 20)));

        stopping.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        await publishing;
        await Task.WhenAll(reading);

        foreach (var reader in readers)
        {
            Assert.That(reader.Received, Is.EqualTo(Enumerable.Range(0, Events)), $"{reader.ConnectionId}: every event once, in order");
            Assert.That(reader.Sessions, Is.EqualTo(2), "told to reconnect, and on the other instance");
        }
    }

    private static async Task<ApiProcess> StartInstanceAsync(RedisServer redis, params (string, string)[] settings) =>
        await ApiProcess.StartAsync([("Redis:Configuration", redis.Configuration), .. settings]);

    private static async Task<(string StreamUrl, string ConnectionId)> StartJobAsync(HttpClient client, string token, params Uri[] sites)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scrape/jobs") { Content = JsonContent.Create(new { domains = sites.Select(site => site.AbsoluteUri) }) };
        start.Headers.Authorization = new("Bearer", token);
        using var started = await client.SendAsync(start);
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var answer = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        return (answer.GetProperty("stream_url").GetString()!, answer.GetProperty("connection_id").GetString()!);
    }

    internal static async Task<string> NewConnectionAsync(HttpClient client, string user)
    {
        await using var hub = await HubClient.ConnectAsync(client, $"/api/v1/stream?token={TestTokens.For(user)}");
        return hub.ConnectionId;
    }

    private static Process StartProducer(RedisServer redis, string connectionId, int count, int perSecond) =>
        StartProducer($"redis://{redis.Configuration}/0", connectionId, count, perSecond);

    /// <param name="extra">More options for numbered_producer.py (--cluster, --replicas N).</param>
    internal static Process StartProducer(string redisUrl, string connectionId, int count, int perSecond, params string[] extra)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Hub", "numbered_producer.py"),
            "--examples", Path.Combine(Repository.Root(), "docs", "examples"),
            "--redis", redisUrl,
            "--connection", connectionId,
            "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--per-second", perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    internal static async Task<int> ExitCodeAsync(Process producer)
    {
        var output = producer.StandardOutput.ReadToEndAsync();
        var errors = producer.StandardError.ReadToEndAsync();
        await producer.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        TestContext.Out.WriteLine(await output + await errors);
        return producer.ExitCode;
    }

    /// <summary>
    /// One client of one connection reading its numbered events as EventSource would: when the stream
    /// ends or breaks, it comes back with the last id it saw, on the next instance in turn.
    /// </summary>
    internal sealed class NumberedReader
    {
        private readonly List<int> _received = [];
        private readonly string _path;
        private readonly string _event;
        private string? _last;

        /// <summary>A client of a connection (<c>/api/v1/stream</c>), reading its <c>numbered</c> events from the start.</summary>
        public NumberedReader(string user, string connectionId)
            : this($"/api/v1/stream?token={TestTokens.For(user)}", "numbered", StreamEventId.ForClient(connectionId, StreamEventId.Beginning)) =>
            ConnectionId = connectionId;

        /// <summary>A client of any stream reading the events named <paramref name="eventName"/>, whose data carry <c>n</c>.</summary>
        public NumberedReader(string path, string eventName, string? lastEventId = null)
        {
            _path = path;
            _event = eventName;
            _last = lastEventId;
        }

        public string ConnectionId { get; } = "";

        public IReadOnlyList<int> Received => _received;

        public int Count => Volatile.Read(ref _count);

        public int Sessions { get; private set; }

        public int Missed { get; private set; }

        private int _count;

        /// <param name="cuts">After how many events in all the client drops its connection by itself.</param>
        public async Task ReadAsync(HttpClient[] instances, int total, Queue<int>? cuts = null)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (_received.Count < total)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var instance = instances[Sessions++ % instances.Length];
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, _path);
                    if (_last is not null)
                    {
                        request.Headers.Add("Last-Event-ID", _last);
                    }
                    using var response = await instance.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        continue; // a stopping instance answers 503: try the next
                    }
                    await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                    using var session = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    await using var events = EventStreamReader.Events(body, session.Token);
                    try
                    {
                        await ReadSessionAsync(events, total, cuts);
                    }
                    catch (TimeoutException)
                    {
                        await session.CancelAsync(); // ends the pending read, so the parser can be disposed
                        Assert.Fail($"no event for {EventStreamReader.Patience.TotalSeconds} s after {Count} of {total} (missed events: {Missed})");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException && !deadline.IsCancellationRequested)
                {
                    // The instance died under the stream: come back, as EventSource does.
                    await Task.Delay(50);
                }
            }
        }

        // A named event carries its number in its data; /events (seed 000) sends unnamed events whose data
        // is {"event": name, "data": {...}}.
        private int? NumberOf(System.Net.ServerSentEvents.SseItem<string> item)
        {
            if (item.EventType == _event)
            {
                return item.Json().GetProperty("n").GetInt32();
            }
            if (item.EventType == System.Net.ServerSentEvents.SseParser.EventTypeDefault && item.Data.StartsWith('{')
                && item.Json().TryGetProperty("event", out var name) && name.GetString() == _event)
            {
                return item.Json().GetProperty("data").GetProperty("n").GetInt32();
            }
            return null;
        }

        private async Task ReadSessionAsync(IAsyncEnumerator<System.Net.ServerSentEvents.SseItem<string>> events, int total, Queue<int>? cuts)
        {
            while (_received.Count < total && await events.MoveNextAsync().AsTask().WaitAsync(EventStreamReader.Patience))
            {
                var item = events.Current;
                if (item.EventType == StreamFollower.MissedEvent)
                {
                    Missed++;
                }
                if (NumberOf(item) is not { } n)
                {
                    continue; // "connected", "heartbeat"; "reconnect" from a stopping instance, then the stream ends
                }
                _received.Add(n);
                Interlocked.Increment(ref _count);
                _last = item.EventId!;
                if (cuts is { Count: > 0 } && _received.Count >= cuts.Peek())
                {
                    while (cuts.Count > 0 && _received.Count >= cuts.Peek())
                    {
                        cuts.Dequeue();
                    }
                    return;
                }
            }
        }
    }
}

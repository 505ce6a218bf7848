using JobStream.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Infrastructure.Streaming;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.IntegrationTests.Streaming;

// The in-memory hub's adapters over their shared topics, as AddInfrastructure wires them without Redis.
public sealed class InMemoryHubTests
{
    [TestCase("bad name")]
    [TestCase("x\r\ndata: forged")]
    [TestCase("")]
    public void An_event_name_no_client_could_receive_is_refused_at_the_publisher(string name)
    {
        using var streams = Create();

        Assert.ThrowsAsync<ArgumentException>(() => streams.PublishAsync(StreamTopic.Broadcast, name, JsonPayload.Null, default));
    }

    [Test]
    public async Task A_subscriber_that_stops_reading_is_cut_off_without_holding_up_the_others()
    {
        using var streams = Create(queueCapacity: 16);
        await using var stalled = streams.Subscribe(StreamTopic.Broadcast);
        await using var reading = streams.Subscribe(StreamTopic.Broadcast);
        var received = new List<StreamMessage>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reader = Task.Run(async () =>
        {
            await foreach (var message in reading.ReadAllAsync(done.Token))
            {
                received.Add(message);
                if (received.Count == 100)
                {
                    return;
                }
            }
        });

        for (var i = 0; i < 100; i++)
        {
            await streams.PublishAsync(StreamTopic.Broadcast, "n", JsonPayload.From(i), default);
            while (received.Count <= i && !reader.IsCompleted)
            {
                await Task.Yield(); // the reading subscriber keeps up; the stalled one never reads
            }
        }
        await reader;

        Assert.That(received.Select(m => m.Data.ToString()), Is.EqualTo(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var ex = Assert.ThrowsAsync<SlowSubscriberException>(async () =>
        {
            await foreach (var _ in stalled.ReadAllAsync(done.Token))
            {
            }
        });
        Assert.That(ex!.Message, Does.Contain("Last-Event-ID"));
    }

    [Test]
    public async Task History_is_capped_and_read_after_an_id()
    {
        using var streams = Create(historyLength: 3);
        var connection = await streams.CreateConnectionAsync("alice", default);
        for (var i = 0; i < 5; i++)
        {
            await streams.PublishAsync(StreamTopic.Connection(connection.Id), $"e{i}", JsonPayload.From(i), default);
        }

        var topic = StreamTopic.Connection(connection.Id);
        var all = await streams.ReadHistoryAsync(topic, null, default);
        var after = await streams.ReadHistoryAsync(topic, all.Messages[0].Id, default);
        var latest = await streams.ReadHistoryAsync(topic, all.Messages[^1].Id, default);

        Assert.That(all.Messages.Select(m => m.Event), Is.EqualTo(new[] { "e2", "e3", "e4" }));
        Assert.That(all.Missed, Is.True, "e0 and e1 are gone");
        Assert.That(after.Messages.Select(m => m.Event), Is.EqualTo(new[] { "e3", "e4" }));
        Assert.That(after.Missed, Is.False);
        Assert.That(latest.Messages, Is.Empty);
        Assert.That(await streams.LatestIdAsync(topic, default), Is.EqualTo(all.Messages[^1].Id));
    }

    [Test]
    public void An_event_larger_than_the_limit_is_refused_when_it_is_published()
    {
        using var streams = Create();
        var huge = JobStream.Application.Serialization.JsonPayload.From(new { text = new string('x', 300 * 1024) });

        Assert.ThrowsAsync<ArgumentException>(() => streams.PublishAsync(StreamTopic.Broadcast, "big", huge, default));
    }

    [Test]
    public async Task A_connection_a_client_is_on_does_not_expire_and_one_left_alone_does()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var streams = Create(clock: time);
        var watched = await streams.CreateConnectionAsync("alice", default);
        var idle = await streams.CreateConnectionAsync("alice", default);
        var subscription = streams.Subscribe(StreamTopic.Connection(watched.Id));

        for (var minute = 0; minute < 120; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(await streams.FindConnectionAsync(watched.Id, default), Is.Not.Null, "an hour with a client on it and no event");
        Assert.That(await streams.FindConnectionAsync(idle.Id, default), Is.Null);
        await subscription.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.That(await streams.FindConnectionAsync(watched.Id, default), Is.Not.Null, "the hour starts again when the client leaves");
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.That(await streams.FindConnectionAsync(watched.Id, default), Is.Null);
    }

    [Test]
    public async Task A_once_key_publishes_once_and_answers_the_first_id_again()
    {
        using var streams = Create();
        var connection = await streams.CreateConnectionAsync("alice", default);
        var topic = StreamTopic.Connection(connection.Id);

        var first = await streams.PublishAsync(topic, "result", JsonPayload.From(1), "job1:result:a", default);
        var again = await streams.PublishAsync(topic, "result", JsonPayload.From(2), "job1:result:a", default);

        Assert.That(again, Is.EqualTo(first));
        Assert.That((await streams.ReadHistoryAsync(topic, null, default)).Messages, Has.Count.EqualTo(1));
        Assert.ThrowsAsync<ConnectionGoneException>(() => streams.PublishAsync(StreamTopic.Connection("gone"), "x", JsonPayload.Null, default));
    }

    private static Hub Create(int queueCapacity = 1024, int historyLength = 500, TimeProvider? clock = null)
    {
        var options = Options.Create(new HubOptions { SubscriberQueueCapacity = queueCapacity, HistoryLength = historyLength });
        var metrics = new JobStreamMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var fanOut = new LocalFanOut(queueCapacity, metrics.SlowClientDisconnected);
        var topics = new MemoryTopics(options, clock ?? TimeProvider.System, fanOut);
        return new Hub(topics, new InMemoryStreamBus(topics, fanOut, options, metrics), new InMemoryConnectionRegistry(topics), new InMemoryStreamHistory(topics));
    }

    // The ports the tests use, each from its own adapter.
    private sealed class Hub(MemoryTopics topics, IStreamBus bus, IConnectionRegistry connections, IStreamHistory history) : IDisposable
    {
        public Task<string> PublishAsync(StreamTopic topic, string name, JsonPayload data, CancellationToken cancellationToken) => bus.PublishAsync(topic, name, data, cancellationToken);

        public Task<string> PublishAsync(StreamTopic topic, string name, JsonPayload data, string? onceKey, CancellationToken cancellationToken) => bus.PublishAsync(topic, name, data, onceKey, cancellationToken);

        public IStreamSubscription Subscribe(StreamTopic topic) => bus.Subscribe(topic);

        public Task<StreamConnection> CreateConnectionAsync(string owner, CancellationToken cancellationToken) => connections.CreateConnectionAsync(owner, cancellationToken);

        public Task<StreamConnection?> FindConnectionAsync(string id, CancellationToken cancellationToken) => connections.FindConnectionAsync(id, cancellationToken);

        public Task<StreamHistory> ReadHistoryAsync(StreamTopic topic, string? afterId, CancellationToken cancellationToken) => history.ReadHistoryAsync(topic, afterId, cancellationToken);

        public Task<string?> LatestIdAsync(StreamTopic topic, CancellationToken cancellationToken) => history.LatestIdAsync(topic, cancellationToken);

        public void Dispose() => topics.Dispose();
    }
}

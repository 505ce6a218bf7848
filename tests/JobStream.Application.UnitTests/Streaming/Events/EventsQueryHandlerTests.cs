using System.Runtime.CompilerServices;
using System.Text.Json;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.Events;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Streaming.Events;

// The /events stream with the hub's ports mocked and the clock in the test's hand.
public sealed class EventsQueryHandlerTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private Mock<IStreamBus> _bus = null!;
    private Mock<IStreamHistory> _history = null!;
    private Queue<StreamMessage> _live = null!;

    [SetUp]
    public void SetUp()
    {
        _live = new Queue<StreamMessage>();
        _bus = new Mock<IStreamBus>();
        _history = new Mock<IStreamHistory>();
        _bus.Setup(b => b.Subscribe(StreamTopic.Broadcast)).Returns(() => new FakeSubscription(_live));
        _history.Setup(h => h.LatestIdAsync(StreamTopic.Broadcast, It.IsAny<CancellationToken>())).ReturnsAsync("3-0");
    }

    [Test]
    public async Task Connected_comes_first_with_the_latest_broadcast_id_then_broadcasts_without_the_log_lines()
    {
        _live.Enqueue(new StreamMessage(EventsQuery.LogEvent, JsonPayload.From("scraping acme.test"), "4-0"));
        _live.Enqueue(new StreamMessage("progress", JsonPayload.From(new { completed = 1 }), "5-0"));

        var items = await Handler().Handle(new EventsQuery(IncludeLogs: false), CancellationToken.None).Skip(1).Take(2).ToListAsync();

        Assert.That(items[0], Is.EqualTo(new StreamValue<EventsEnvelope>(new EventsEnvelope("connected", _time.GetUtcNow()), "3-0")));
        var broadcast = (StreamMessage)items[1];
        Assert.That((broadcast.Event, broadcast.Id), Is.EqualTo((StreamMessage.Unnamed, "5-0")), "unnamed: its JSON names it");
        using var json = JsonDocument.Parse(broadcast.Data.Utf8);
        Assert.That(json.RootElement.GetProperty("event").GetString(), Is.EqualTo("progress"));
        Assert.That(json.RootElement.GetProperty("data").GetProperty("completed").GetInt32(), Is.EqualTo(1));
        _history.Verify(h => h.ReadHistoryAsync(It.IsAny<StreamTopic>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never, "a new client gets no replay");
    }

    [Test]
    public async Task An_admin_gets_the_log_lines_too()
    {
        _live.Enqueue(new StreamMessage(EventsQuery.LogEvent, JsonPayload.From("scraping acme.test"), "4-0"));

        var items = await Handler().Handle(new EventsQuery(IncludeLogs: true), CancellationToken.None).Skip(1).Take(2).ToListAsync();

        using var json = JsonDocument.Parse(((StreamMessage)items[1]).Data.Utf8);
        Assert.That(json.RootElement.GetProperty("event").GetString(), Is.EqualTo(EventsQuery.LogEvent));
    }

    [Test]
    public async Task The_stream_first_asks_its_writer_for_a_heartbeat_event_every_ping_interval()
    {
        var first = await Handler(pingSeconds: 7).Handle(new EventsQuery(IncludeLogs: false), CancellationToken.None).FirstAsync();

        var heartbeats = (Heartbeats)first;
        Assert.That(heartbeats.Interval, Is.EqualTo(TimeSpan.FromSeconds(7)));
        _time.Advance(TimeSpan.FromSeconds(7));
        Assert.That(heartbeats.Beat(), Is.EqualTo(new StreamValue<EventsEnvelope>(new EventsEnvelope("heartbeat", _time.GetUtcNow()))), "stamped when it is sent");
    }

    [Test]
    public async Task A_client_resuming_gets_the_kept_broadcasts_and_a_missed_event_where_some_are_gone()
    {
        _history
            .Setup(h => h.ReadHistoryAsync(StreamTopic.Broadcast, "1-0", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StreamHistory([new StreamMessage("progress", JsonPayload.From(2), "2-0")], Missed: true));

        var items = await Handler().Handle(new EventsQuery(IncludeLogs: false, LastEventId: "1-0"), CancellationToken.None).Skip(1).Take(3).ToListAsync();

        Assert.That(items[0].Id, Is.EqualTo("1-0"), "connected names where the client is");
        var missed = ((StreamValue<EventsEnvelope>)items[1]).Value;
        Assert.That(missed.Event, Is.EqualTo("missed"));
        Assert.That(missed.Data!.ToString(), Does.Contain("\"last_event_id\":\"1-0\""));
        Assert.That(items[2].Id, Is.EqualTo("2-0"));
        _history.Verify(h => h.LatestIdAsync(It.IsAny<StreamTopic>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private EventsQueryHandler Handler(int pingSeconds = 5)
    {
        var metrics = TestMetrics.Create();
        var follower = new StreamFollower(_history.Object, metrics, NullLogger<StreamFollower>.Instance);
        return new EventsQueryHandler(_bus.Object, _history.Object, follower, Options.Create(new EventsOptions { PingIntervalSeconds = pingSeconds }), _time);
    }
}

using System.Runtime.CompilerServices;
using JobStream.Application.Errors;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.OpenStream;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Streaming.OpenStream;

// Opening, joining and resuming a connection stream, with the hub's ports mocked.
public sealed class OpenStreamQueryHandlerTests
{
    private readonly StreamConnection _alices = new("c0ffee", "alice", DateTimeOffset.UnixEpoch);
    private Mock<IStreamBus> _bus = null!;
    private Mock<IConnectionRegistry> _connections = null!;
    private Mock<IStreamHistory> _history = null!;

    [SetUp]
    public void SetUp()
    {
        _bus = new Mock<IStreamBus>();
        _connections = new Mock<IConnectionRegistry>();
        _history = new Mock<IStreamHistory>();
        _bus.Setup(b => b.Subscribe(It.IsAny<StreamTopic>())).Returns(() => new FakeSubscription());
        _connections.Setup(c => c.CreateConnectionAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(_alices);
        _connections.Setup(c => c.FindConnectionAsync(_alices.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_alices);
    }

    [Test]
    public async Task A_new_stream_creates_a_connection_and_opens_with_its_id()
    {
        var first = await Handler().Handle(new OpenStreamQuery("alice", null, null), CancellationToken.None).FirstAsync();

        Assert.That(first, Is.EqualTo(new StreamValue<ConnectedEvent>(new ConnectedEvent(_alices.Id), "c0ffee/0-0")));
        _connections.Verify(c => c.CreateConnectionAsync("alice", It.IsAny<CancellationToken>()), Times.Once);
        _history.VerifyNoOtherCalls(); // nothing to replay on a new connection
    }

    [Test]
    public void Joining_someone_elses_connection_is_forbidden_and_an_unknown_one_not_found()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handler().Handle(new OpenStreamQuery("mallory", _alices.Id, null), CancellationToken.None).FirstAsync());
        Assert.ThrowsAsync<NotFoundException>(async () => await Handler().Handle(new OpenStreamQuery("alice", "nope", null), CancellationToken.None).FirstAsync());
        _bus.Verify(b => b.Subscribe(It.IsAny<StreamTopic>()), Times.Never);
    }

    [Test]
    public async Task A_client_resuming_gets_what_it_missed_and_a_missed_event_where_the_history_lost_some()
    {
        _history
            .Setup(h => h.ReadHistoryAsync(StreamTopic.Connection(_alices.Id), "5-0", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new StreamHistory([new StreamMessage("result", JsonPayload.From(6), "6-0")], Missed: true));

        var events = await Handler().Handle(new OpenStreamQuery("alice", null, "c0ffee/5-0"), CancellationToken.None).Take(3).ToListAsync();

        Assert.That(events[0], Is.EqualTo(new StreamValue<ConnectedEvent>(new ConnectedEvent(_alices.Id), "c0ffee/5-0")));
        Assert.That(events[1], Is.TypeOf<StreamValue<MissedEvents>>());
        Assert.That(((StreamValue<MissedEvents>)events[1]).Value.LastEventId, Is.EqualTo("c0ffee/5-0"));
        Assert.That(events[2], Is.EqualTo(new StreamMessage("result", JsonPayload.From(6), "c0ffee/6-0")).Using<StreamMessage>((a, b) => a.Event == b.Event && a.Id == b.Id));
        _connections.Verify(c => c.CreateConnectionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private OpenStreamQueryHandler Handler()
    {
        var metrics = TestMetrics.Create();
        var follower = new StreamFollower(_history.Object, metrics, NullLogger<StreamFollower>.Instance);
        return new OpenStreamQueryHandler(_bus.Object, _connections.Object, follower);
    }
}

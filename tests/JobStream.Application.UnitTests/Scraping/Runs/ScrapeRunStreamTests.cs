using System.Runtime.CompilerServices;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Scraping.Runs;

// A client coming back to a run with its Last-Event-ID, with the hub's ports mocked: no scrape starts again.
public sealed class ScrapeRunStreamTests
{
    private static readonly StreamTopic Run = StreamTopic.Connection("run1");
    private Mock<IStreamBus> _bus = null!;
    private Mock<IConnectionRegistry> _connections = null!;
    private Mock<IStreamHistory> _history = null!;

    [SetUp]
    public void SetUp()
    {
        _bus = new Mock<IStreamBus>();
        _connections = new Mock<IConnectionRegistry>();
        _history = new Mock<IStreamHistory>();
        _bus.Setup(b => b.Subscribe(Run)).Returns(() => new FakeSubscription());
        _connections.Setup(c => c.FindConnectionAsync("run1", It.IsAny<CancellationToken>())).ReturnsAsync(new StreamConnection("run1", ScrapeRuns.RunOwner, DateTimeOffset.UnixEpoch));
        _history.Setup(h => h.ReadHistoryAsync(Run, "5-0", It.IsAny<CancellationToken>())).ReturnsAsync(new StreamHistory(
        [
            new StreamMessage("progress", JsonPayload.From(new { step = "fetching" }), "6-0"),
            new StreamMessage("result", JsonPayload.From(new { domain = "acme.test" }), "7-0"),
            new StreamMessage(ScrapeEvents.Completed, JsonPayload.From(new { total = 1 }), "8-0"),
        ], Missed: false));
    }

    [Test]
    public async Task Resuming_the_full_view_says_so_then_sends_what_followed_the_last_event_and_ends_after_completed()
    {
        var items = await Stream().OpenAsync(["acme.test"], withProgress: true, "run1/5-0", RunView.Full, CancellationToken.None).ToListAsync();

        Assert.That(items[0], Is.EqualTo(new StreamValue<RunStarted>(new RunStarted("run1", Resumed: true), "run1/5-0")));
        Assert.That(items.Skip(1).Select(i => (((StreamMessage)i).Event, i.Id)), Is.EqualTo(new[]
        {
            ("progress", "run1/6-0"),
            ("result", "run1/7-0"),
            (ScrapeEvents.Completed, "run1/8-0"),
        }));
        _connections.Verify(c => c.CreateConnectionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "no new run");
    }

    [Test]
    public async Task The_results_only_view_opens_with_a_position_and_leaves_the_completed_event_out()
    {
        var items = await Stream().OpenAsync(["acme.test"], withProgress: false, "run1/5-0", RunView.ResultsOnly, CancellationToken.None).ToListAsync();

        Assert.That(items[0], Is.EqualTo(new StreamPosition("run1/5-0")));
        Assert.That(items.Skip(1).Select(i => ((StreamMessage)i).Event), Is.EqualTo(new[] { "progress", "result" }));
    }

    [Test]
    public async Task A_client_that_has_every_event_of_a_finished_run_gets_nothing()
    {
        _history.Setup(h => h.ReadHistoryAsync(Run, "8-0", It.IsAny<CancellationToken>())).ReturnsAsync(new StreamHistory([], Missed: false));
        _history.Setup(h => h.ReadHistoryAsync(Run, null, It.IsAny<CancellationToken>())).ReturnsAsync(new StreamHistory(
            [new StreamMessage(ScrapeEvents.Completed, JsonPayload.From(new { total = 1 }), "8-0")], Missed: false));

        var items = await Stream().OpenAsync(["acme.test"], withProgress: true, "run1/8-0", RunView.Full, CancellationToken.None).ToListAsync();

        Assert.That(items, Is.Empty);
    }

    [Test]
    public async Task Where_the_history_lost_some_of_the_run_a_missed_event_comes_before_the_rest()
    {
        _history.Setup(h => h.ReadHistoryAsync(Run, "5-0", It.IsAny<CancellationToken>())).ReturnsAsync(new StreamHistory(
            [new StreamMessage(ScrapeEvents.Completed, JsonPayload.From(new { total = 1 }), "8-0")], Missed: true));

        var items = await Stream().OpenAsync(["acme.test"], withProgress: true, "run1/5-0", RunView.Full, CancellationToken.None).ToListAsync();

        Assert.That(items, Has.Count.EqualTo(3));
        Assert.That(((StreamValue<MissedEvents>)items[1]).Value.LastEventId, Is.EqualTo("run1/5-0"));
        Assert.That(items[2].Id, Is.EqualTo("run1/8-0"));
    }

    private ScrapeRunStream Stream()
    {
        var metrics = TestMetrics.Create();
        var runs = new ScrapeRuns(_bus.Object, _connections.Object, Mock.Of<IServiceScopeFactory>(), Options.Create(new ScrapingOptions()),
            Options.Create(new HubOptions()), TimeProvider.System, NullLogger<ScrapeRuns>.Instance);
        return new ScrapeRunStream(runs, _bus.Object, _connections.Object, _history.Object, new StreamFollower(_history.Object, metrics, NullLogger<StreamFollower>.Instance));
    }
}

using FluentValidation;
using JobStream.Application.Errors;
using JobStream.Application.Scraping;
using JobStream.Application.Scraping.StreamScrape;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Streaming.ClearProgress;
using JobStream.Application.Streaming.GetProgress;
using JobStream.Application.Streaming.ProgressStream;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace JobStream.Application.UnitTests.Messaging;

// The source-generated mediator as AddApplication wires it, with the ports mocked.
public sealed class MediatorPipelineTests
{
    private Mock<ICareerSiteScraper> _scraper = null!;
    private Mock<IStreamBus> _bus = null!;
    private Mock<IConnectionRegistry> _connections = null!;
    private Mock<IStreamHistory> _history = null!;
    private Mock<IStreamStatus> _status = null!;
    private Mock<IProgressStore> _progress = null!;
    private RecordingLoggerProvider _logs = null!;
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;

    private ISender Sender => _scope.ServiceProvider.GetRequiredService<ISender>();

    [SetUp]
    public void SetUp()
    {
        _scraper = new Mock<ICareerSiteScraper>();
        _scraper
            .Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([]));
        _bus = new Mock<IStreamBus>();
        _connections = new Mock<IConnectionRegistry>();
        _history = new Mock<IStreamHistory>();
        _status = new Mock<IStreamStatus>();
        _progress = new Mock<IProgressStore>();
        _logs = new RecordingLoggerProvider();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(_scraper.Object)
            .AddSingleton(_bus.Object)
            .AddSingleton(_connections.Object)
            .AddSingleton(_history.Object)
            .AddSingleton(_status.Object)
            .AddSingleton(_progress.Object)
            .AddApplication()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _services.CreateAsyncScope();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        _logs.Dispose();
    }

    [Test]
    public void A_bad_stream_request_is_rejected_when_the_stream_is_created_before_it_is_read()
    {
        // Throwing here, not on the first MoveNextAsync, is what lets the API answer 400 before any byte.
        var ex = Assert.Throws<ValidationException>(() => Sender.CreateStream(new StreamScrapeQuery([])));

        Assert.That(ex!.Errors.Single().PropertyName, Is.EqualTo("domains"));
        _scraper.VerifyNoOtherCalls();
    }

    [Test]
    public async Task A_valid_stream_request_streams_its_handlers_items()
    {
        var subscription = new Mock<IStreamSubscription>();
        subscription.Setup(s => s.ReadAllAsync(It.IsAny<CancellationToken>()))
            .Returns(new[] { new StreamMessage("progress", JsonPayload.From(new { completed = 2 }), "5-0") }.ToAsyncEnumerable());
        _bus.Setup(s => s.Subscribe(StreamTopic.UserProgress("alice"))).Returns(subscription.Object);
        _progress.Setup(s => s.GetProgressAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(new LatestProgress(JsonPayload.From(new { completed = 1 }), "4-0"));

        var events = await Sender.CreateStream(new ProgressStreamQuery("alice", "alice")).ToListAsync();

        Assert.That(events.Select(e => (e is StreamMessage m ? m.Event : e.GetType().Name, e.Id)), Is.EqualTo(new[]
        {
            ("StreamValue`1", "4-0"),
            ("progress", "4-0"),
            ((string?)"progress", (string?)"5-0"),
        }));
        Assert.That(events[0], Is.EqualTo(new StreamValue<ProgressConnected>(new ProgressConnected("alice"), "4-0")));
        Assert.That(_logs.Lines, Has.Some.StartsWith("Information: Stream ProgressStreamQuery completed after 3 items in "));
    }

    [Test]
    public void A_bad_request_is_rejected_before_its_handler_runs()
    {
        var ex = Assert.ThrowsAsync<ValidationException>(async () => await Sender.Send(new ClearProgressCommand("no spaces allowed", "no spaces allowed")));

        Assert.That(ex!.Errors.Single().PropertyName, Is.EqualTo("user_id"));
        _bus.VerifyNoOtherCalls();
        _connections.VerifyNoOtherCalls();
        _history.VerifyNoOtherCalls();
        _progress.VerifyNoOtherCalls();
    }

    [Test]
    public void Another_users_progress_is_forbidden_when_read_cleared_or_streamed()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Sender.Send(new GetProgressQuery("alice", "mallory")));
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Sender.Send(new ClearProgressCommand("alice", "mallory")));
        Assert.Throws<ForbiddenAccessException>(() => Sender.CreateStream(new ProgressStreamQuery("alice", "mallory")));
        _bus.VerifyNoOtherCalls();
        _connections.VerifyNoOtherCalls();
        _history.VerifyNoOtherCalls();
        _progress.VerifyNoOtherCalls();
    }

    [Test]
    public async Task The_owner_reads_their_progress()
    {
        _progress.Setup(s => s.GetProgressAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(new LatestProgress(JsonPayload.From(new { completed = 1 }), "1-0"));

        var progress = await Sender.Send(new GetProgressQuery("alice", "alice"));

        Assert.That(progress?.ToString(), Is.EqualTo("""{"completed":1}"""));
    }

    [Test]
    public void A_stream_that_fails_is_logged_as_failed_with_its_exception_not_as_cancelled()
    {
        _bus.Setup(s => s.Subscribe(It.IsAny<StreamTopic>())).Throws(new InvalidOperationException("backplane broke"));

        Assert.ThrowsAsync<InvalidOperationException>(async () => await Sender.CreateStream(new ProgressStreamQuery("alice", "alice")).ToListAsync());

        Assert.That(_logs.Lines, Has.Some.EqualTo("Error: Stream ProgressStreamQuery failed after 0 items (backplane broke)"));
        Assert.That(_logs.Lines, Has.Some.StartsWith("Information: Stream ProgressStreamQuery failed after 0 items in "));
        Assert.That(_logs.Lines, Has.None.Contains("cancelled"));
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = $"{logLevel}: {formatter(state, exception)}" + (exception is null ? "" : $" ({exception.Message})");
                lock (owner._lines)
                {
                    owner._lines.Add(line);
                }
            }
        }
    }
}

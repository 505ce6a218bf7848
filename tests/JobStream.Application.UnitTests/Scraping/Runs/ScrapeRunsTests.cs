using JobStream.Application.Scraping;
using JobStream.Application.Scraping.Runs;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Scraping.Runs;

// A run nobody follows any more is cancelled after the grace time; one whose client comes back in time goes on.
public sealed class ScrapeRunsTests
{
    [Test]
    public async Task A_run_is_cancelled_only_once_nobody_has_followed_it_for_the_whole_grace_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scraper = new Mock<ICareerSiteScraper>();
        scraper
            .Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .Returns(async (SiteAddress _, IProgress<ScrapeProgress>? _, CancellationToken token) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => cancelled.TrySetResult(), TaskScheduler.Default);
                token.ThrowIfCancellationRequested();
                return new SiteScrape([]);
            });
        var bus = new Mock<IStreamBus>();
        bus.Setup(b => b.PublishAsync(It.IsAny<StreamTopic>(), It.IsAny<string>(), It.IsAny<JsonPayload>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync("1-0");
        var connections = new Mock<IConnectionRegistry>();
        connections.Setup(c => c.CreateConnectionAsync(ScrapeRuns.RunOwner, It.IsAny<CancellationToken>())).ReturnsAsync(new StreamConnection("run1", ScrapeRuns.RunOwner, time.GetUtcNow()));
        var scraping = Options.Create(new ScrapingOptions { RunGraceSeconds = 30, DomainTimeoutSeconds = 3600 });
        await using var services = new ServiceCollection()
            .AddSingleton(scraper.Object)
            .AddSingleton(scraping)
            .AddSingleton(new DomainScrapeSlots(scraping))
            .AddSingleton(TestMetrics.Create())
            .AddLogging()
            .AddTransient<DomainsScraper>()
            .BuildServiceProvider();
        using var runs = new ScrapeRuns(bus.Object, connections.Object, services.GetRequiredService<IServiceScopeFactory>(), scraping,
            Options.Create(new HubOptions()), time, NullLogger<ScrapeRuns>.Instance);

        var id = await runs.BeginAsync(["slow.test"], withProgress: false, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        runs.Follow(id).Dispose(); // the client goes
        time.Advance(TimeSpan.FromSeconds(20));
        var back = runs.Follow(id); // and comes back within the grace time
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.That(cancelled.Task.IsCompleted, Is.False, "a run with a follower goes on");

        back.Dispose();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(cancelled.Task.IsCompleted, Is.False, "the grace time is not over");
        time.Advance(TimeSpan.FromSeconds(2));

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (runs.Running > 0)
        {
            await Task.Delay(10, patience.Token); // the run ends on its own thread after the cancellation
        }
        bus.Verify(b => b.PublishAsync(StreamTopic.Connection("run1"), ScrapeEvents.Error, It.IsAny<JsonPayload>(), null, It.IsAny<CancellationToken>()), Times.Once,
            "the run's stream is told it was stopped");
    }
}

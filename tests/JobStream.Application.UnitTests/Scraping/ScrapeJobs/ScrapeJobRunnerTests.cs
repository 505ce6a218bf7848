using JobStream.Application.Scraping;
using JobStream.Application.Scraping.ScrapeJobs;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Scraping.ScrapeJobs;

// A background job's events, each published with a key that names it within the job: a job run again
// after its worker died asks the hub to publish the same keys, which the hub sends once.
public sealed class ScrapeJobRunnerTests
{
    [Test]
    public async Task Every_event_of_a_job_carries_a_key_of_the_job_and_the_step_the_same_when_the_job_runs_again()
    {
        var scraper = new Mock<ICareerSiteScraper>();
        scraper
            .Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .Returns((SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken _) =>
            {
                progress?.Report(new ScrapeProgress(site.Uri.Host, ScrapeStep.Fetching, "Fetching"));
                return Task.FromResult<IReadOnlyList<Job>>([new Job { Company = "Acme", Title = "Engineer", Url = $"https://{site.Uri.Host}/jobs/1" }]);
            });
        var published = new List<(StreamTopic Topic, string Name, string? OnceKey)>();
        var bus = new Mock<IStreamBus>();
        bus.Setup(b => b.PublishAsync(It.IsAny<StreamTopic>(), It.IsAny<string>(), It.IsAny<JsonPayload>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((StreamTopic topic, string name, JsonPayload _, string? onceKey, CancellationToken _) => published.Add((topic, name, onceKey)))
            .ReturnsAsync("1-0");
        var job = new ScrapeJob("job7", ["acme.test"], "c0ffee");

        await Runner(scraper.Object, bus.Object).RunAsync(job, CancellationToken.None);
        var first = published.ToList();
        published.Clear();
        await Runner(scraper.Object, bus.Object).RunAsync(job, CancellationToken.None);

        Assert.That(first.Select(p => p.Topic).Distinct(), Is.EqualTo(new[] { StreamTopic.Connection("c0ffee") }));
        Assert.That(first.Select(p => (p.Name, p.OnceKey)), Is.EqualTo(new (string, string?)[]
        {
            ("progress", "job7:progress:acme.test:Fetching:0"),
            ("result", "job7:result:acme.test"),
            ("completed", "job7:completed"),
        }));
        Assert.That(published, Is.EqualTo(first), "the run again asks for the same keys, so its client hears nothing twice");
    }

    private static ScrapeJobRunner Runner(ICareerSiteScraper scraper, IStreamBus bus)
    {
        var scraping = Options.Create(new ScrapingOptions());
        var metrics = TestMetrics.Create();
        var runner = new DomainsScraper(scraper, new DomainScrapeSlots(scraping), metrics, scraping, NullLogger<DomainsScraper>.Instance);
        return new ScrapeJobRunner(runner, bus, Options.Create(new HubOptions()), NullLogger<ScrapeJobRunner>.Instance);
    }
}

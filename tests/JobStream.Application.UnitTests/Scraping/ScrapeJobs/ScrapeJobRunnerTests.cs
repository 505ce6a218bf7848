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
        var scraper = Scraper();
        var bus = new RecordingBus();
        var job = new ScrapeJob("job7", ["acme.test"], "c0ffee");

        await Runner(scraper.Object, bus.Mock.Object).RunAsync(job, CancellationToken.None);
        var first = bus.Published.Select(p => (p.Topic, p.Name, p.OnceKey)).ToList();
        bus.Published.Clear();
        await Runner(scraper.Object, bus.Mock.Object).RunAsync(job, CancellationToken.None);
        var published = bus.Published.Select(p => (p.Topic, p.Name, p.OnceKey)).ToList();

        Assert.That(first.Select(p => p.Topic).Distinct(), Is.EqualTo(new[] { StreamTopic.Connection("c0ffee") }));
        Assert.That(first.Select(p => (p.Name, p.OnceKey)), Is.EqualTo(new (string, string?)[]
        {
            ("progress", "job7:progress:acme.test:Fetching:0"),
            ("result", "job7:result:acme.test"),
            ("completed", "job7:completed"),
        }));
        Assert.That(published, Is.EqualTo(first), "the run again asks for the same keys, so its client hears nothing twice");
    }

    [Test]
    public async Task A_part_that_is_not_the_last_publishes_its_progress_counted_among_the_jobs_parts_and_no_completed()
    {
        var bus = new RecordingBus();
        var tally = new Tally();
        var parts = new ScrapeJob("job8", ["a.test", "b.test", "c.test"], "c0ffee").Split();

        await Runner(Scraper().Object, bus.Mock.Object, tally).RunAsync(parts[1], CancellationToken.None);
        await Runner(Scraper().Object, bus.Mock.Object, tally).RunAsync(parts[0], CancellationToken.None);
        var beforeLast = bus.Published.ToList();
        await Runner(Scraper().Object, bus.Mock.Object, tally).RunAsync(parts[2], CancellationToken.None);

        Assert.That(beforeLast.Select(p => p.Name), Has.No.Member("completed"));
        var progress = bus.Published.Where(p => p.Name == "progress").Select(p => p.Data.GetProperty("completed").GetInt32());
        Assert.That(progress, Is.EqualTo(new[] { 0, 1, 2 }), "each part counts the parts done before it");
        Assert.That(bus.Published.Where(p => p.Name == "progress").Select(p => p.Data.GetProperty("total").GetInt32()), Is.All.EqualTo(3));
        var completed = bus.Published.Single(p => p.Name == "completed");
        Assert.That(completed.OnceKey, Is.EqualTo("job8:completed"));
        Assert.That(completed.Data.GetProperty("total").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task A_part_given_up_is_its_domains_error_result_and_the_job_still_completes()
    {
        var bus = new RecordingBus();
        var tally = new Tally();
        var parts = new ScrapeJob("job9", ["a.test", "b.test"], "c0ffee").Split();

        await Runner(Scraper().Object, bus.Mock.Object, tally).RunAsync(parts[0], CancellationToken.None);
        await Runner(Scraper().Object, bus.Mock.Object, tally).GiveUpAsync(parts[1], "its workers kept dying");

        var result = bus.Published.Single(p => p.OnceKey == "job9:result:b.test");
        Assert.That(result.Data.GetProperty("status").GetString(), Is.EqualTo("error"));
        Assert.That(result.Data.GetProperty("error").GetString(), Is.EqualTo("its workers kept dying"));
        var completed = bus.Published.Single(p => p.Name == "completed").Data;
        Assert.That((completed.GetProperty("total").GetInt32(), completed.GetProperty("succeeded").GetInt32(), completed.GetProperty("failed").GetInt32()), Is.EqualTo((2, 1, 1)));
    }

    [Test]
    public void A_job_of_several_domains_is_split_before_it_runs()
    {
        var runner = Runner(Scraper().Object, new RecordingBus().Mock.Object, new Tally());

        Assert.That(() => runner.RunAsync(new ScrapeJob("job10", ["a.test", "b.test"], null), CancellationToken.None), Throws.ArgumentException);
    }

    private static Mock<ICareerSiteScraper> Scraper()
    {
        var scraper = new Mock<ICareerSiteScraper>();
        scraper
            .Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .Returns((SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken _) =>
            {
                progress?.Report(new ScrapeProgress(site.Uri.Host, ScrapeStep.Fetching, "Fetching"));
                return Task.FromResult(new SiteScrape([new Job { Company = "Acme", Title = "Engineer", Url = $"https://{site.Uri.Host}/jobs/1" }]));
            });
        return scraper;
    }

    private sealed class RecordingBus
    {
        public RecordingBus()
        {
            Mock.Setup(b => b.PublishAsync(It.IsAny<StreamTopic>(), It.IsAny<string>(), It.IsAny<JsonPayload>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
                .Callback((StreamTopic topic, string name, JsonPayload data, string? onceKey, CancellationToken _) =>
                    Published.Add((topic, name, System.Text.Json.JsonDocument.Parse(data.ToString()).RootElement, onceKey)))
                .ReturnsAsync("1-0");
        }

        public Mock<IStreamBus> Mock { get; } = new();

        public List<(StreamTopic Topic, string Name, System.Text.Json.JsonElement Data, string? OnceKey)> Published { get; } = [];
    }

    // The tally's rule (each part counted once; the summary once all are in), kept in a dictionary.
    private sealed class Tally : IScrapeJobTally
    {
        private readonly Dictionary<(string, int), bool> _parts = [];

        public Task<int> CountAsync(string jobId, CancellationToken cancellationToken) =>
            Task.FromResult(_parts.Keys.Count(key => key.Item1 == jobId));

        public Task<ScrapeSummary?> RecordAsync(ScrapeJob part, bool succeeded, CancellationToken cancellationToken)
        {
            _parts.TryAdd((part.JobId, part.PartOrWhole.Index), succeeded);
            var outcomes = _parts.Where(pair => pair.Key.Item1 == part.JobId).Select(pair => pair.Value).ToList();
            var of = part.PartOrWhole.Of;
            return Task.FromResult(outcomes.Count < of ? null : new ScrapeSummary(of, outcomes.Count(ok => ok), outcomes.Count(ok => !ok)));
        }
    }

    private static ScrapeJobRunner Runner(ICareerSiteScraper scraper, IStreamBus bus, IScrapeJobTally? tally = null)
    {
        var scraping = Options.Create(new ScrapingOptions());
        var metrics = TestMetrics.Create();
        var runner = new DomainsScraper(scraper, new DomainScrapeSlots(scraping), metrics, scraping, NullLogger<DomainsScraper>.Instance);
        return new ScrapeJobRunner(runner, bus, tally ?? new Tally(), Options.Create(new HubOptions()), NullLogger<ScrapeJobRunner>.Instance);
    }
}

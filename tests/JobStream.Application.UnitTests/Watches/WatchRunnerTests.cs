using JobStream.Application.Scraping;
using JobStream.Application.Watches;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.Domain.Watches;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Watches;

// A run's decisions, apart from the database: what it writes and tells for each domain.
public sealed class WatchRunnerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_domain_that_could_not_be_read_keeps_its_jobs_as_they_were_while_the_others_are_compared()
    {
        var watch = Watch(["good.test", "down.test"]);
        var remembered = new[] { Tracked("good.test", "https://good.test/jobs/old"), Tracked("down.test", "https://down.test/jobs/1") };
        var scraper = new Mock<ICareerSiteScraper>();
        scraper.Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "good.test"), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([Job("https://good.test/jobs/new")]));
        scraper.Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "down.test"), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ScrapeFailedException("site answered 503"));
        var store = Store(watch, remembered, out var records);

        Assert.That(await Runner(store.Object, scraper.Object).RunAsync(Lease(watch), CancellationToken.None), Is.True);

        var finished = records[^1];
        Assert.That(finished.Jobs.Select(j => j.Domain), Is.All.EqualTo("good.test"), "nothing of down.test is written: neither seen nor missed");
        Assert.That(finished.Events.Select(e => e.Event), Is.EqualTo(new[] { WatchEvents.JobOpened, WatchEvents.WatchRun }));
        Assert.That(finished.Finished!.Errors.Single(), Is.EqualTo(new WatchRunError("down.test", "site answered 503")));
        Assert.That(finished.Finished.Open, Is.EqualTo(3), "old (missed once), new, and down.test's job");
        Assert.That(records[0].Events.Single().Data.ToString(), Does.Contain("\"phase\":\"started\""));
    }

    [Test]
    public async Task A_partly_read_domain_opens_what_it_found_closes_nothing_and_the_run_says_what_was_not_read()
    {
        // Its board could not be read, its page's own postings could: a job of the board is not missing.
        var watch = Watch(["part.test"]);
        var remembered = new[] { Tracked("part.test", "https://part.test/jobs/board-job") with { MissedRuns = 1 } };
        var scraper = new Mock<ICareerSiteScraper>();
        scraper.Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([Job("https://part.test/jobs/page-job")], ["the Greenhouse board 'part' could not be read: 503"]));
        var store = Store(watch, remembered, out var records);

        await Runner(store.Object, scraper.Object).RunAsync(Lease(watch), CancellationToken.None);

        var finished = records[^1];
        Assert.That(finished.Events.Select(e => e.Event), Is.EqualTo(new[] { WatchEvents.JobOpened, WatchEvents.WatchRun }), "no job_closed after a partial read");
        Assert.That(finished.Jobs.Select(j => j.Identity), Is.EqualTo(new[] { "https://part.test/jobs/page-job" }), "the board's job is neither seen nor counted missing");
        Assert.That(finished.Finished!.Errors.Single(), Is.EqualTo(new WatchRunError("part.test", "partly read: the Greenhouse board 'part' could not be read: 503")));
        Assert.That(finished.Sources.GetValueOrDefault("part.test"), Is.Null, "a partial read never stands for the site on a 304");
    }

    [Test]
    public async Task Only_changes_of_jobs_that_match_the_filters_are_told_though_every_job_is_remembered()
    {
        var watch = Watch(["good.test"]) with { Filters = new WatchFilters { Keywords = ["data"] } };
        var scraper = new Mock<ICareerSiteScraper>();
        scraper.Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([Job("https://good.test/jobs/1") with { Title = "Data Engineer" }, Job("https://good.test/jobs/2") with { Title = "Chef" }]));
        var store = Store(watch, [], out var records);

        await Runner(store.Object, scraper.Object).RunAsync(Lease(watch), CancellationToken.None);

        Assert.That(records[^1].Jobs, Has.Count.EqualTo(2));
        var told = records[^1].Events.Where(e => e.Event == WatchEvents.JobOpened).ToList();
        Assert.That(told, Has.Count.EqualTo(1));
        Assert.That(told[0].Data.ToString(), Does.Contain("Data Engineer"));
        Assert.That(records[^1].Finished!.Opened, Is.EqualTo(2), "the counts are of every job");
    }

    [Test]
    public async Task A_job_two_domains_of_the_watch_both_list_is_one_job_of_the_domain_that_had_it_first()
    {
        var watch = Watch(["acme.test", "board.test"]);
        var remembered = new[] { Tracked("acme.test", "https://board.test/acme/jobs/1") };
        var scraper = new Mock<ICareerSiteScraper>();
        scraper.Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([Job("https://board.test/acme/jobs/1"), Job("https://board.test/acme/jobs/2")]));
        var store = Store(watch, remembered, out var records);

        await Runner(store.Object, scraper.Object).RunAsync(Lease(watch), CancellationToken.None);

        var written = records[^1].Jobs;
        Assert.That(written.Select(j => j.Identity), Is.Unique, "one row per job: the store keeps one per identity");
        Assert.That(written.Single(j => j.Identity.EndsWith("/1", StringComparison.Ordinal)).Domain, Is.EqualTo("acme.test"));
        Assert.That(records[^1].Events.Count(e => e.Event == WatchEvents.JobOpened), Is.EqualTo(1), "only jobs/2 is new");
    }

    [Test]
    public async Task A_job_one_domain_reads_with_its_ats_id_and_another_by_its_link_is_one_job()
    {
        var watch = Watch(["acme.test", "board.test"]);
        var fromApi = Job("https://board.test/acme/jobs/1") with { AtsId = "greenhouse:acme:1" };
        var remembered = new[] { Tracked("acme.test", fromApi) };
        var scraper = new Mock<ICareerSiteScraper>();
        scraper.Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "acme.test"), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([fromApi, Job("https://board.test/acme/jobs/3") with { AtsId = "greenhouse:acme:3" }]));
        scraper.Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "board.test"), It.IsAny<IProgress<ScrapeProgress>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SiteScrape([Job("https://board.test/acme/jobs/1"), Job("https://board.test/acme/jobs/2")]));
        var store = Store(watch, remembered, out var records);

        await Runner(store.Object, scraper.Object).RunAsync(Lease(watch), CancellationToken.None);

        var written = records[^1].Jobs;
        Assert.That(written.Select(j => (j.Domain, j.Identity)), Is.EquivalentTo(new[]
        {
            ("acme.test", "greenhouse:acme:1"), ("acme.test", "greenhouse:acme:3"), ("board.test", "https://board.test/acme/jobs/2"),
        }), "board.test's link to job 1 is acme.test's job 1");
        Assert.That(records[^1].Events.Count(e => e.Event == WatchEvents.JobOpened), Is.EqualTo(2));
    }

    [Test]
    public async Task A_run_whose_claim_was_lost_stops_before_it_scrapes()
    {
        var watch = Watch(["good.test"]);
        var scraper = new Mock<ICareerSiteScraper>();
        var store = new Mock<IWatchStore>();
        store.Setup(s => s.RecordAsync(It.IsAny<WatchLease>(), It.IsAny<WatchRecord>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.That(await Runner(store.Object, scraper.Object).RunAsync(Lease(watch), CancellationToken.None), Is.False);
        scraper.VerifyNoOtherCalls();
    }

    private static Mock<IWatchStore> Store(Watch watch, IReadOnlyList<TrackedJob> remembered, out List<WatchRecord> records)
    {
        var written = new List<WatchRecord>();
        var store = new Mock<IWatchStore>();
        store.Setup(s => s.LoadJobsAsync(watch.Id, It.IsAny<CancellationToken>())).ReturnsAsync(remembered);
        store.Setup(s => s.LoadSourcesAsync(watch.Id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        store.Setup(s => s.RecordAsync(It.IsAny<WatchLease>(), It.IsAny<WatchRecord>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback<WatchLease, WatchRecord, DateTimeOffset, CancellationToken>((_, record, _, _) => written.Add(record))
            .ReturnsAsync(true);
        records = written;
        return store;
    }

    private static WatchRunner Runner(IWatchStore store, ICareerSiteScraper scraper)
    {
        var scraping = Options.Create(new ScrapingOptions());
        var domains = new DomainsScraper(scraper, new DomainScrapeSlots(scraping), TestMetrics.Create(), scraping, NullLogger<DomainsScraper>.Instance);
        var options = Options.Create(new WatchesOptions());
        var time = new FakeTimeProvider(T0);
        var feed = new WatchFeedNotifier(Mock.Of<IWatchFeed>(), options, time, NullLogger<WatchFeedNotifier>.Instance);
        var changes = new Mock<ISiteChangeCheck>();
        changes.Setup(c => c.BeginLog()).Returns(Mock.Of<ISiteFetchLog>());
        return new WatchRunner(store, domains, changes.Object, feed, options, time, NullLogger<WatchRunner>.Instance);
    }

    private static Watch Watch(IReadOnlyList<string> domains) => new()
    {
        Id = "w_1", Owner = "alice", Domains = domains, Every = TimeSpan.FromHours(1), CreatedAt = T0, NextRunAt = T0,
    };

    private static WatchLease Lease(Watch watch) => new(watch, "token", T0.AddMinutes(2)) { ClaimedAt = T0 };

    private static Job Job(string url) => new() { Company = "Acme", Title = "Engineer", Url = url };

    private static TrackedJob Tracked(string domain, string url) => Tracked(domain, Job(url));

    private static TrackedJob Tracked(string domain, Job job)
    {
        return new TrackedJob { Identity = JobTracker.IdentityOf(job), Domain = domain, Job = job, ContentHash = JobTracker.HashOf(job), FirstSeen = T0, LastSeen = T0 };
    }
}

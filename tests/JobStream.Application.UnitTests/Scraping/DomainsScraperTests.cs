using System.Collections.Concurrent;
using JobStream.Application.Scraping;
using JobStream.Domain.Jobs;
using JobStream.Domain.Scraping;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using JobStream.Application.UnitTests.Streaming;
using Moq;

namespace JobStream.Application.UnitTests.Scraping;

// The scrape streams' engine: every domain at once (bounded), each result as soon as it is ready.

public sealed class DomainsScraperTests
{
    private ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<Job>>> _answers = null!;
    private ConcurrentDictionary<string, CancellationToken> _tokens = null!;
    private Mock<ICareerSiteScraper> _scraper = null!;
    private int _running;
    private int _maxRunning;

    [SetUp]
    public void SetUp()
    {
        _answers = new();
        _tokens = new();
        _scraper = new();
        _running = 0;
        _maxRunning = 0;
        // Each domain's scrape finishes when the test completes its answer, so the order is the test's.
        _scraper
            .Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .Returns(async (SiteAddress site, IProgress<ScrapeProgress>? _, CancellationToken token) =>
            {
                var host = site.Uri.Host;
                _tokens[host] = token;
                var running = Interlocked.Increment(ref _running);
                InterlockedMax(ref _maxRunning, running);
                try
                {
                    return new SiteScrape(await Answer(host).Task.WaitAsync(token));
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                }
            });
    }

    [Test]
    public async Task Stream_emits_results_in_completion_order()
    {
        var handler = CreateHandler();
        await using var results = handler.Results(Query("slow.com", "fast.com"), CancellationToken.None).GetAsyncEnumerator();

        var first = results.MoveNextAsync();
        Answer("fast.com").SetResult([Job("Fast job")]);
        Assert.That(await first, Is.True);
        Assert.That(results.Current.Domain, Is.EqualTo("fast.com"));

        Answer("slow.com").SetResult([]);
        Assert.That(await results.MoveNextAsync(), Is.True);
        Assert.That(results.Current.Domain, Is.EqualTo("slow.com"));
        Assert.That(await results.MoveNextAsync(), Is.False);
    }

    [TestCase("http://Acme.test:8080/")]
    [TestCase("acme.test/careers")]
    public async Task Every_update_of_a_domain_names_it_as_the_request_did(string sent)
    {
        // The scraper reports under the URL it fetches ("https://acme.test/careers"); a client that
        // keys its rows by what it sent must see that string in every progress step and in the result.
        _scraper
            .Setup(s => s.ScrapeAsync(It.IsAny<SiteAddress>(), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SiteAddress site, IProgress<ScrapeProgress>? progress, CancellationToken _) =>
            {
                progress!.Report(new ScrapeProgress(site.Uri.AbsoluteUri, ScrapeStep.Fetching, "Fetching"));
                progress.Report(new ScrapeProgress(site.Uri.AbsoluteUri, ScrapeStep.Enriching, "Enriching"));
                return new SiteScrape([Job("Engineer")]);
            });
        var options = Options.Create(new ScrapingOptions());
        var scraper = new DomainsScraper(_scraper.Object, new DomainScrapeSlots(options), TestMetrics.Create(), options, NullLogger<DomainsScraper>.Instance);

        var updates = await scraper.ScrapeAsync([sent], withProgress: true, CancellationToken.None).ToListAsync();

        Assert.That(updates.Select(update => update.Progress?.Step.ToString() ?? "result"), Is.EqualTo(new[] { "Fetching", "Enriching", "result" }));
        Assert.That(updates.Select(update => update.Progress?.Domain ?? update.DomainResult!.Domain), Is.All.EqualTo(sent));
    }

    [Test]
    public async Task One_domain_failing_does_not_stop_the_others()
    {
        _scraper
            .Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "broken.com"), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ScrapeFailedException("broken.com answered 500"));
        _scraper
            .Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "buggy.com"), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("a bug with internal details"));
        Answer("fine.com").SetResult([Job("Engineer")]);

        var results = await CreateHandler().Results(Query("broken.com", "fine.com", "buggy.com"), CancellationToken.None).ToListAsync();

        Assert.That(results, Has.Count.EqualTo(3));
        var byDomain = results.ToDictionary(r => r.Domain);
        Assert.Multiple(() =>
        {
            Assert.That(byDomain["fine.com"].Status, Is.EqualTo(ScrapeStatus.Success));
            Assert.That(byDomain["fine.com"].Jobs.Single().Title, Is.EqualTo("Engineer"));
            Assert.That(byDomain["broken.com"].Status, Is.EqualTo(ScrapeStatus.Error));
            Assert.That(byDomain["broken.com"].Error, Is.EqualTo("broken.com answered 500"));
            Assert.That(byDomain["buggy.com"].Status, Is.EqualTo(ScrapeStatus.Error));
            Assert.That(byDomain["buggy.com"].Error, Does.Not.Contain("internal details"));
        });
    }

    [Test]
    public async Task A_domain_over_its_time_limit_becomes_an_error_result()
    {
        Answer("quick.com").SetResult([]);

        var results = await CreateHandler(timeoutSeconds: 1).Results(Query("never.com", "quick.com"), CancellationToken.None).ToListAsync();

        var never = results.Single(r => r.Domain == "never.com");
        Assert.That(never.Status, Is.EqualTo(ScrapeStatus.Error));
        Assert.That(never.Error, Does.Contain("timed out"));
        Assert.That(results.Single(r => r.Domain == "quick.com").Status, Is.EqualTo(ScrapeStatus.Success));
    }

    [Test]
    public async Task A_domain_whose_work_ignores_its_time_limit_still_ends_at_it_and_frees_its_slot()
    {
        var stuck = new TaskCompletionSource<SiteScrape>();
        _scraper
            .Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "stuck.com"), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .Returns(stuck.Task); // never notices the token, as a parse that never checks it would
        Answer("next.com").SetResult([Job("Engineer")]);

        var results = await CreateHandler(maxConcurrent: 1, timeoutSeconds: 1).Results(Query("stuck.com", "next.com"), CancellationToken.None).ToListAsync();

        Assert.That(results.Single(r => r.Domain == "stuck.com").Error, Does.Contain("timed out"));
        Assert.That(results.Single(r => r.Domain == "next.com").Status, Is.EqualTo(ScrapeStatus.Success), "the one slot was given to the next domain");
        stuck.SetException(new InvalidOperationException("what the abandoned work throws at last is observed"));
    }

    [Test]
    public async Task What_the_work_throws_once_its_time_is_up_is_reported_as_the_time_limit_not_an_internal_error()
    {
        _scraper
            .Setup(s => s.ScrapeAsync(It.Is<SiteAddress>(a => a.Uri.Host == "rendering.com"), It.IsAny<IProgress<ScrapeProgress>?>(), It.IsAny<CancellationToken>()))
            .Returns(async (SiteAddress _, IProgress<ScrapeProgress>? _, CancellationToken token) =>
            {
                await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
                throw new InvalidOperationException("Target page, context or browser has been closed"); // as a browser closed under a page says it
            });

        var results = await CreateHandler(timeoutSeconds: 1).Results(Query("rendering.com"), CancellationToken.None).ToListAsync();

        Assert.That(results.Single().Error, Is.EqualTo("timed out after 1 s"));
    }

    [Test]
    public async Task Client_disconnect_cancels_the_domains_still_running()
    {
        using var client = new CancellationTokenSource();
        var stream = CreateHandler().Results(Query("fast.com", "pending.com"), client.Token).GetAsyncEnumerator(client.Token);

        var first = stream.MoveNextAsync();
        Answer("fast.com").SetResult([]);
        Assert.That(await first, Is.True);

        var second = stream.MoveNextAsync();
        await client.CancelAsync();
        Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () => await second);
        await stream.DisposeAsync();

        Assert.That(_tokens["pending.com"].IsCancellationRequested, Is.True, "the pending domain's scrape was not cancelled");
        Assert.That(_running, Is.Zero, "a scrape outlived its stream");
    }

    [Test]
    public async Task Ending_the_stream_early_cancels_the_domains_still_running()
    {
        var stream = CreateHandler().Results(Query("fast.com", "pending.com"), CancellationToken.None).GetAsyncEnumerator();
        var first = stream.MoveNextAsync();
        Answer("fast.com").SetResult([]);
        Assert.That(await first, Is.True);

        await stream.DisposeAsync();

        Assert.That(_tokens["pending.com"].IsCancellationRequested, Is.True);
    }

    [Test]
    public async Task Concurrency_is_bounded_by_the_configured_limit()
    {
        var domains = Enumerable.Range(1, 6).Select(i => $"site{i}.com").ToArray();
        var stream = CreateHandler(maxConcurrent: 2).Results(Query(domains), CancellationToken.None);
        var collecting = stream.ToListAsync().AsTask();

        foreach (var domain in domains)
        {
            await WaitUntil(() => _tokens.ContainsKey(domain));
            Assert.That(Volatile.Read(ref _running), Is.LessThanOrEqualTo(2));
            Answer(domain).SetResult([]);
        }

        Assert.That(await collecting, Has.Count.EqualTo(6));
        Assert.That(_maxRunning, Is.EqualTo(2));
    }

    private TaskCompletionSource<IReadOnlyList<Job>> Answer(string host) =>
        _answers.GetOrAdd(host, _ => new TaskCompletionSource<IReadOnlyList<Job>>(TaskCreationOptions.RunContinuationsAsynchronously));

    private ResultReader CreateHandler(int maxConcurrent = 8, int timeoutSeconds = 60)
    {
        var options = Options.Create(new ScrapingOptions { MaxConcurrentDomains = maxConcurrent, DomainTimeoutSeconds = timeoutSeconds });
        var metrics = TestMetrics.Create();
        return new(new DomainsScraper(_scraper.Object, new DomainScrapeSlots(options), metrics, options, NullLogger<DomainsScraper>.Instance));
    }

    private static string[] Query(params string[] domains) => domains;

    // The domains' results only, as the scrape streams without progress see them.
    private sealed class ResultReader(DomainsScraper scraper)
    {
        public async IAsyncEnumerable<ScrapeResult> Results(string[] domains, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var update in scraper.ScrapeAsync(domains, withProgress: false, cancellationToken))
            {
                yield return update.DomainResult!;
            }
        }
    }

    private static Job Job(string title) => new() { Company = "Acme", Title = title, Url = "https://acme.test/jobs/1" };

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

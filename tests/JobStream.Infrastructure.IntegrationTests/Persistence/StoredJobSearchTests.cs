using JobStream.Application.Watches;
using JobStream.Domain.Jobs;
using JobStream.Domain.Watches;
using JobStream.Infrastructure.Persistence;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Persistence;

/// <summary>Searching stored jobs through each database's own full-text index (PostgreSQL's tsvector, SQLite's FTS5).</summary>
[TestFixtureSource(typeof(TestJobDatabase), nameof(TestJobDatabase.Providers))]
public sealed class StoredJobSearchTests(string provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private TestJobDatabase _database = null!;
    private WatchStore _store = null!;
    private StoredJobSearch _search = null!;
    private Watch _watch = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestJobDatabase.MigratedAsync(provider);
        _store = new WatchStore(_database.Database);
        _search = new StoredJobSearch(_database.Database);
        // Not due: each runs only when the test asks it to.
        _watch = WatchStoreTests.NewWatch("alice") with { NextRunAt = T0.AddYears(1) };
        var other = WatchStoreTests.NewWatch("bob") with { NextRunAt = T0.AddYears(1) };
        await _store.AddAsync(_watch, CancellationToken.None);
        await _store.AddAsync(other, CancellationToken.None);
        var jobs = new[]
        {
            Job(_watch, "a", "Senior Data Engineer", "Build pipelines in Python", posted: T0.AddDays(-3)),
            Job(_watch, "b", "Backend Engineer (Go)", "Payments platform", posted: T0.AddDays(-1)),
            Job(_watch, "c", "Product Designer", "Design systems for engineers", posted: null, firstSeen: T0.AddDays(-2)),
            Job(_watch, "d", "Ingénieur données", "Équipe plateforme à Paris", posted: T0.AddDays(-10), location: "Paris, France", type: LocationType.Onsite),
            Job(_watch, "e", "Data Engineer", "Closed role", posted: T0.AddDays(-20), closed: true),
        };
        await RecordAsync(_watch, jobs);
        await RecordAsync(other, [Job(other, "x", "Senior Data Engineer", "Bob's job", posted: T0)]);
    }

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task Every_word_matches_the_start_of_a_word_of_title_or_summary_within_the_users_open_jobs()
    {
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "data eng" }), Is.EqualTo(new[] { "Senior Data Engineer" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "engineer" }), Is.EqualTo(new[] { "Backend Engineer (Go)", "Product Designer", "Senior Data Engineer" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "PYTHON" }), Is.EqualTo(new[] { "Senior Data Engineer" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "ingénieur" }), Is.EqualTo(new[] { "Ingénieur données" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "data", Open = null }), Is.EqualTo(new[] { "Senior Data Engineer", "Data Engineer" }));
    }

    [Test]
    public async Task Query_syntax_of_either_index_is_read_as_plain_words()
    {
        foreach (var text in new[] { "\"", "data OR", "eng*", "title:data", "-backend", "NEAR(a b)", "a & | ! :*", "'); DROP TABLE jobs; --" })
        {
            Assert.DoesNotThrowAsync(() => _search.SearchAsync(new JobSearch { Owner = "alice", Text = text }, CancellationToken.None), text);
        }
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "\"data\" OR" }), Is.Empty, "OR is a word to match, not an operator");
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "title:data" }), Is.Empty);
    }

    [Test]
    public async Task Fields_narrow_the_search_and_pages_come_newest_first()
    {
        Assert.That(await Titles(new JobSearch { Owner = "alice", Location = "paris" }), Is.EqualTo(new[] { "Ingénieur données" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", LocationType = LocationType.Onsite }), Is.EqualTo(new[] { "Ingénieur données" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", PostedSince = T0.AddDays(-2.5) }), Is.EqualTo(new[] { "Backend Engineer (Go)", "Product Designer" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", Open = false }), Is.EqualTo(new[] { "Data Engineer" }));
        Assert.That(await Titles(new JobSearch { Owner = "alice", Company = "ACME", Department = "engineering", Seniority = "SENIOR" }), Has.Length.EqualTo(4));

        var first = await _search.SearchAsync(new JobSearch { Owner = "alice", PageSize = 3 }, CancellationToken.None);
        var second = await _search.SearchAsync(new JobSearch { Owner = "alice", PageSize = 3, Page = 2 }, CancellationToken.None);
        Assert.That(first.Items.Select(j => j.Job.Title), Is.EqualTo(new[] { "Backend Engineer (Go)", "Product Designer", "Senior Data Engineer" }));
        Assert.That(first.HasMore, Is.True);
        Assert.That(second.Items.Select(j => j.Job.Title), Is.EqualTo(new[] { "Ingénieur données" }));
        Assert.That(second.HasMore, Is.False);
    }

    [Test]
    public async Task Checking_the_newest_jobs_first_gives_the_pages_the_index_gives()
    {
        // 40 more jobs, one a day: "kotlin" in the newest ten, "rust" only in the oldest three, "java" in every other.
        var more = Enumerable.Range(0, 40).Select(i => Job(_watch, $"n{i}", $"Engineer {i}",
            $"{(i < 10 ? "kotlin " : "")}{(i >= 37 ? "rust " : "")}{(i % 2 == 0 ? "java" : "")} services", posted: T0.AddDays(-30 - i))).ToList();
        await RecordAsync(_watch, more, T0.AddMinutes(2));
        var checking = new StoredJobSearch(_database.Database, newestFirst: 8);

        foreach (var (text, page) in new[] { ("kotlin", 1), ("kotlin", 2), ("rust", 1), ("java", 1), ("java", 3), ("java", 7), ("java services", 2) })
        {
            var search = new JobSearch { Owner = "alice", Text = text, Page = page, PageSize = 3 };
            var byIndex = await _search.SearchAsync(search, CancellationToken.None);
            var newestFirst = await checking.SearchAsync(search, CancellationToken.None);
            Assert.That(newestFirst.Items.Select(j => j.Identity), Is.EqualTo(byIndex.Items.Select(j => j.Identity)), $"{text}, page {page}");
            Assert.That(newestFirst.HasMore, Is.EqualTo(byIndex.HasMore), $"{text}, page {page}: has_more");
        }
        Assert.That(await Titles(new JobSearch { Owner = "alice", Text = "rust", PageSize = 3 }), Is.EqualTo(new[] { "Engineer 37", "Engineer 38", "Engineer 39" }));
    }

    [Test]
    public async Task A_watch_exports_its_jobs_open_or_all()
    {
        var open = new List<StoredJob>();
        await foreach (var job in _search.JobsOfAsync(_watch.Id, openOnly: true, CancellationToken.None))
        {
            open.Add(job);
        }
        var all = new List<StoredJob>();
        await foreach (var job in _search.JobsOfAsync(_watch.Id, openOnly: false, CancellationToken.None))
        {
            all.Add(job);
        }
        Assert.That(open, Has.Count.EqualTo(4));
        Assert.That(all, Has.Count.EqualTo(5));
        Assert.That(all.Single(j => !j.Open).ClosedAt, Is.EqualTo(T0));
    }

    private async Task<string[]> Titles(JobSearch search) =>
        (await _search.SearchAsync(search, CancellationToken.None)).Items.Select(j => j.Job.Title).ToArray();

    // At a time after every earlier claim has lapsed.
    private async Task RecordAsync(Watch watch, IReadOnlyList<TrackedJob> jobs, DateTimeOffset? at = null)
    {
        var now = at ?? T0;
        await _store.RunNowAsync(watch.Id, now, CancellationToken.None);
        var lease = await _store.ClaimDueAsync(now, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.That(lease!.Watch.Id, Is.EqualTo(watch.Id));
        Assert.That(await _store.RecordAsync(lease, new WatchRecord(jobs, [], null), now, CancellationToken.None), Is.True);
    }

    internal static TrackedJob Job(Watch watch, string slug, string title, string summary, DateTimeOffset? posted, DateTimeOffset? firstSeen = null,
        string location = "Berlin, Germany", LocationType type = LocationType.Hybrid, bool closed = false)
    {
        var job = new Job
        {
            Company = "Acme",
            Title = title,
            Url = $"https://acme.example/jobs/{slug}",
            Summary = summary,
            Location = location,
            LocationType = type,
            Seniority = "senior",
            Department = "Engineering",
            PostedAt = posted,
        };
        return new TrackedJob
        {
            Identity = JobTracker.IdentityOf(job),
            Domain = watch.Domains[0],
            Job = job,
            ContentHash = JobTracker.HashOf(job),
            FirstSeen = firstSeen ?? T0,
            LastSeen = T0,
            ClosedAt = closed ? T0 : null,
        };
    }
}

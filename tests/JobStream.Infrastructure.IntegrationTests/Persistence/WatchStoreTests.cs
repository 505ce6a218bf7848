using JobStream.Application.Serialization;
using JobStream.Application.Watches;
using JobStream.Domain.Watches;
using JobStream.Infrastructure.Persistence;
using JobStream.TestServers;

namespace JobStream.Infrastructure.IntegrationTests.Persistence;

/// <summary>The job database as the service uses it, on a real SQLite file and a real PostgreSQL server alike.</summary>
[TestFixtureSource(typeof(TestJobDatabase), nameof(TestJobDatabase.Providers))]
public sealed class WatchStoreTests(string provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private TestJobDatabase _database = null!;
    private WatchStore _store = null!;
    private WatchFeed _feed = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestJobDatabase.MigratedAsync(provider);
        _store = new WatchStore(_database.Database);
        _feed = new WatchFeed(_database.Database);
    }

    [TearDown]
    public async Task TearDown() => await _database.DisposeAsync();

    [Test]
    public async Task Of_many_claims_at_once_on_a_due_watch_one_wins()
    {
        await _store.AddAsync(NewWatch("alice"), CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => _store.ClaimDueAsync(T0, Lease, CancellationToken.None))));

        Assert.That(claims.Count(c => c is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task A_claim_in_force_keeps_others_out_and_once_it_lapses_its_holder_can_record_nothing()
    {
        var watch = NewWatch("alice");
        await _store.AddAsync(watch, CancellationToken.None);
        var first = await _store.ClaimDueAsync(T0, Lease, CancellationToken.None);

        Assert.That(await _store.ClaimDueAsync(T0 + Lease - TimeSpan.FromSeconds(1), Lease, CancellationToken.None), Is.Null, "held");
        var second = await _store.ClaimDueAsync(T0 + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None);

        Assert.That(second, Is.Not.Null, "lapsed, so taken over");
        Assert.That(await _store.RecordAsync(first!, Record(Opened(watch, "a")), T0 + Lease, CancellationToken.None), Is.False);
        Assert.That(await _store.RenewAsync(first!, T0 + Lease * 3, CancellationToken.None), Is.Null);
        Assert.That(await _store.LoadJobsAsync(watch.Id, CancellationToken.None), Is.Empty, "nothing of the lost claim's run was written");
        Assert.That(await _store.RecordAsync(second!, Record(Opened(watch, "a")), T0 + Lease, CancellationToken.None), Is.True);
    }

    [Test]
    public async Task A_finished_run_is_next_due_one_period_after_it_was_due_and_an_early_run_leaves_the_schedule()
    {
        var watch = NewWatch("alice");
        await _store.AddAsync(watch, CancellationToken.None);
        var lease = await _store.ClaimDueAsync(T0 + TimeSpan.FromMinutes(1), Lease, CancellationToken.None);
        await _store.RecordAsync(lease!, Finished(), T0 + TimeSpan.FromMinutes(2), CancellationToken.None);

        var scheduled = await _store.FindAsync(watch.Id, CancellationToken.None);
        Assert.That(scheduled!.NextRunAt, Is.EqualTo(T0 + watch.Every));
        Assert.That(scheduled.LastRun, Is.Not.Null);
        Assert.That(await _store.ClaimDueAsync(T0 + TimeSpan.FromMinutes(5), Lease, CancellationToken.None), Is.Null, "not due again yet");

        await _store.RunNowAsync(watch.Id, T0 + TimeSpan.FromMinutes(5), CancellationToken.None);
        var early = await _store.ClaimDueAsync(T0 + TimeSpan.FromMinutes(5), Lease, CancellationToken.None);
        Assert.That(early, Is.Not.Null, "asked to run");
        await _store.RecordAsync(early!, Finished(), T0 + TimeSpan.FromMinutes(6), CancellationToken.None);
        Assert.That((await _store.FindAsync(watch.Id, CancellationToken.None))!.NextRunAt, Is.EqualTo(T0 + watch.Every), "the schedule stands");
    }

    [Test]
    public async Task The_next_due_time_is_that_of_the_soonest_watch_neither_paused_nor_held()
    {
        Assert.That(await _store.NextDueAsync(T0, CancellationToken.None), Is.Null, "no watches");
        var held = NewWatch("alice");
        var paused = NewWatch("alice") with { NextRunAt = T0 + TimeSpan.FromMinutes(1) };
        var later = NewWatch("bob") with { NextRunAt = T0 + TimeSpan.FromMinutes(7) };
        var soonest = NewWatch("carol") with { NextRunAt = T0 + TimeSpan.FromMinutes(3) };
        foreach (var watch in new[] { held, paused, later, soonest })
        {
            await _store.AddAsync(watch, CancellationToken.None);
        }
        await _store.SetPausedAsync(paused.Id, true, CancellationToken.None);
        Assert.That((await _store.ClaimDueAsync(T0, Lease, CancellationToken.None))!.Watch.Id, Is.EqualTo(held.Id));

        Assert.That(await _store.NextDueAsync(T0, CancellationToken.None), Is.EqualTo(T0 + TimeSpan.FromMinutes(3)));
        Assert.That(await _store.NextDueAsync(T0 + Lease + TimeSpan.FromSeconds(1), CancellationToken.None), Is.EqualTo(T0), "a lapsed claim is due again");
    }

    [Test]
    public async Task A_paused_watch_is_not_due_but_runs_when_asked_and_a_released_run_is_due_at_once()
    {
        var watch = NewWatch("alice");
        await _store.AddAsync(watch, CancellationToken.None);
        await _store.SetPausedAsync(watch.Id, true, CancellationToken.None);
        Assert.That(await _store.ClaimDueAsync(T0 + TimeSpan.FromDays(1), Lease, CancellationToken.None), Is.Null);

        await _store.RunNowAsync(watch.Id, T0, CancellationToken.None);
        var lease = await _store.ClaimDueAsync(T0, Lease, CancellationToken.None);
        Assert.That(lease, Is.Not.Null);
        await _store.ReleaseAsync(lease!, CancellationToken.None);

        Assert.That(await _store.ClaimDueAsync(T0, Lease, CancellationToken.None), Is.Not.Null, "given up unfinished: due again, paused or not");
    }

    [Test]
    public async Task Jobs_and_events_are_written_together_and_the_feed_reads_them_in_order_per_watch_and_per_user()
    {
        var alice1 = NewWatch("alice");
        var alice2 = NewWatch("alice");
        var bob = NewWatch("bob");
        foreach (var watch in new[] { alice1, alice2, bob })
        {
            await _store.AddAsync(watch, CancellationToken.None);
        }
        var start = await _feed.LastIdAsync(CancellationToken.None);
        var leases = new Dictionary<string, WatchLease>();
        while (await _store.ClaimDueAsync(T0, Lease, CancellationToken.None) is { } lease)
        {
            leases[lease.Watch.Id] = lease;
        }
        foreach (var watch in new[] { alice1, bob, alice2, alice1 })
        {
            await _store.RecordAsync(leases[watch.Id], Record(Opened(watch, "job-" + Guid.NewGuid().ToString("N")[..6])), T0, CancellationToken.None);
        }

        var all = await _feed.ReadAsync(default, start, 100, CancellationToken.None);
        var alices = await _feed.ReadAsync(FeedScope.OfUser("alice"), start, 100, CancellationToken.None);
        var first = await _feed.ReadAsync(FeedScope.OfWatch(alice1.Id), start, 100, CancellationToken.None);

        Assert.That(all.Select(e => e.Id), Is.Ordered.Ascending.And.Unique);
        Assert.That(all.Select(e => e.WatchId), Is.EqualTo(new[] { alice1.Id, bob.Id, alice2.Id, alice1.Id }));
        Assert.That(alices.Select(e => e.WatchId), Is.EqualTo(new[] { alice1.Id, alice2.Id, alice1.Id }));
        Assert.That(first, Has.Count.EqualTo(2));
        Assert.That(first[0].Event, Is.EqualTo(WatchEvents.JobOpened));
        Assert.That(first[0].Data.ToString(), Does.Contain("\"title\":"));
        Assert.That(await _store.LoadJobsAsync(alice1.Id, CancellationToken.None), Has.Count.EqualTo(2));
        Assert.That((await _store.FindAsync(alice1.Id, CancellationToken.None))!.OpenJobs, Is.EqualTo(2));
    }

    [Test]
    public async Task A_job_seen_again_updates_its_one_row_and_deleting_the_watch_removes_its_jobs_and_events()
    {
        var watch = NewWatch("alice");
        await _store.AddAsync(watch, CancellationToken.None);
        var first = Opened(watch, "a");
        var lease = await _store.ClaimDueAsync(T0, Lease, CancellationToken.None);
        await _store.RecordAsync(lease!, Record(first), T0, CancellationToken.None);
        var edited = first.Job with { Job = first.Job.Job with { Title = "Principal Engineer" }, LastSeen = T0 + TimeSpan.FromHours(1) };
        await _store.RecordAsync(lease!, new WatchRecord([edited], [], null), T0, CancellationToken.None);

        var jobs = await _store.LoadJobsAsync(watch.Id, CancellationToken.None);
        Assert.That(jobs.Single().Job.Title, Is.EqualTo("Principal Engineer"));
        Assert.That(jobs.Single().FirstSeen, Is.EqualTo(T0));
        Assert.That(jobs.Single().LastSeen, Is.EqualTo(T0 + TimeSpan.FromHours(1)));

        Assert.That(await _store.DeleteAsync(watch.Id, CancellationToken.None), Is.True);
        Assert.That(await _store.FindAsync(watch.Id, CancellationToken.None), Is.Null);
        Assert.That(await _store.LoadJobsAsync(watch.Id, CancellationToken.None), Is.Empty);
        Assert.That(await _feed.ReadAsync(FeedScope.OfWatch(watch.Id), 0, 10, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_job_that_takes_the_ats_id_as_its_identity_keeps_its_one_row()
    {
        var watch = NewWatch("alice");
        await _store.AddAsync(watch, CancellationToken.None);
        var first = Opened(watch, "a");
        var lease = await _store.ClaimDueAsync(T0, Lease, CancellationToken.None);
        await _store.RecordAsync(lease!, Record(first), T0, CancellationToken.None);

        var renamed = first.Job with { Identity = "greenhouse:acme:1", FormerIdentity = first.Job.Identity, Job = first.Job.Job with { AtsId = "greenhouse:acme:1" } };
        await _store.RecordAsync(lease!, new WatchRecord([renamed], [], null), T0, CancellationToken.None);

        var jobs = await _store.LoadJobsAsync(watch.Id, CancellationToken.None);
        Assert.That(jobs.Select(j => (j.Identity, j.FirstSeen)), Is.EqualTo(new[] { ("greenhouse:acme:1", T0) }));
        Assert.That(jobs.Single().Job.AtsId, Is.EqualTo("greenhouse:acme:1"));
    }

    [Test]
    public async Task Trimming_deletes_only_events_older_than_the_cut()
    {
        var watch = NewWatch("alice");
        await _store.AddAsync(watch, CancellationToken.None);
        var lease = await _store.ClaimDueAsync(T0, Lease, CancellationToken.None);
        await _store.RecordAsync(lease!, Record(Opened(watch, "old")), T0, CancellationToken.None);
        await _store.RecordAsync(lease!, Record(Opened(watch, "new")), T0 + TimeSpan.FromDays(40), CancellationToken.None);

        Assert.That(await _feed.TrimAsync(T0 + TimeSpan.FromDays(30), CancellationToken.None), Is.EqualTo(1));
        var kept = await _feed.ReadAsync(FeedScope.OfWatch(watch.Id), 0, 10, CancellationToken.None);
        Assert.That(kept.Single().Data.ToString(), Does.Contain("/new"));
        Assert.That(await _feed.FirstIdAsync(CancellationToken.None), Is.EqualTo(kept.Single().Id));
    }

    internal static Watch NewWatch(string owner) => new()
    {
        Id = Watch.NewId(),
        Owner = owner,
        Domains = ["https://acme.example"],
        Every = TimeSpan.FromHours(1),
        CreatedAt = T0,
        NextRunAt = T0,
    };

    internal static JobChange Opened(Watch watch, string slug, string title = "Senior Data Engineer", string summary = "Pipelines and platforms", DateTimeOffset? posted = null) =>
        new(JobChangeKind.Opened, StoredJobSearchTests.Job(watch, slug, title, summary, posted));

    private static WatchRecord Record(JobChange change) =>
        new([change.Job], [new FeedDraft(WatchEvents.JobOpened, JsonPayload.From(StoredJob.Of("w", change.Job)))], null);

    private static WatchRecord Finished() =>
        new([], [], new WatchRunSummary { StartedAt = T0, FinishedAt = T0 });
}

using JobStream.Domain.Jobs;
using JobStream.Domain.Watches;

namespace JobStream.Application.UnitTests.Domain;

public sealed class JobTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_identity_ignores_case_of_host_default_port_fragment_and_trailing_slash_but_keeps_the_query()
    {
        Assert.That(JobTracker.IdentityOf(Job("https://Jobs.Acme.example:443/careers/42/#apply")), Is.EqualTo("https://jobs.acme.example/careers/42"));
        Assert.That(JobTracker.IdentityOf(Job("https://boards.example/acme?gh_jid=42")), Is.Not.EqualTo(JobTracker.IdentityOf(Job("https://boards.example/acme?gh_jid=43"))));
    }

    [Test]
    public void Score_and_the_time_it_was_found_are_not_changes_but_tracked_fields_are()
    {
        var job = Job("https://acme.example/jobs/1");
        Assert.That(JobTracker.HashOf(job with { Score = 99, Timestamp = T0.AddDays(1), Signals = ["x"] }), Is.EqualTo(JobTracker.HashOf(job)));
        foreach (var changed in new[] { job with { Title = "Other" }, job with { Location = "Paris" }, job with { Salary = "EUR 1" }, job with { PostedAt = T0 }, job with { LocationType = LocationType.Remote } })
        {
            Assert.That(JobTracker.HashOf(changed), Is.Not.EqualTo(JobTracker.HashOf(job)));
        }
    }

    [Test]
    public void A_partial_read_opens_and_changes_what_it_found_and_counts_nothing_missing()
    {
        var known = JobTracker.Compare("acme", [], [Job("https://acme.example/a"), Job("https://acme.example/b")], T0, 1).Writes;

        var partial = JobTracker.Compare("acme", known, [Job("https://acme.example/a") with { Title = "Lead" }, Job("https://acme.example/c")], T0.AddHours(1), 1, complete: false);

        Assert.That(partial.Changes.Select(c => (c.Kind, Slug(c))), Is.EqualTo(new[] { (JobChangeKind.Changed, "a"), (JobChangeKind.Opened, "c") }));
        Assert.That(partial.Writes.Select(w => w.Identity.Split('/')[^1]), Is.EquivalentTo(new[] { "a", "c" }), "b is not written: neither seen nor missed");
    }

    [Test]
    public void New_edited_missing_and_returning_jobs_each_give_the_right_change()
    {
        var known = new List<TrackedJob>();
        var first = JobTracker.Compare("acme", known, [Job("https://acme.example/a"), Job("https://acme.example/b"), Job("https://acme.example/c")], T0, closeAfterMissedRuns: 2);
        Assert.That(first.Changes.Select(c => (c.Kind, Slug(c))), Is.EqualTo(new[] { (JobChangeKind.Opened, "a"), (JobChangeKind.Opened, "b"), (JobChangeKind.Opened, "c") }));

        var second = JobTracker.Compare("acme", first.Writes, [Job("https://acme.example/a"), Job("https://acme.example/b") with { Title = "Lead" }], T0.AddHours(1), 2);
        Assert.That(second.Changes.Select(c => (c.Kind, Slug(c))), Is.EqualTo(new[] { (JobChangeKind.Changed, "b") }));
        Assert.That(second.Changes[0].ChangedFields, Is.EqualTo(new[] { "title" }));
        Assert.That(second.Changes[0].Previous["title"], Is.EqualTo("Engineer"));
        var c = second.Writes.Single(w => w.Identity.EndsWith("/c", StringComparison.Ordinal));
        Assert.That((c.MissedRuns, c.IsOpen), Is.EqualTo((1, true)), "missed once: still open");

        var third = JobTracker.Compare("acme", second.Writes, [Job("https://acme.example/a"), Job("https://acme.example/b") with { Title = "Lead" }], T0.AddHours(2), 2);
        Assert.That(third.Changes.Select(ch => (ch.Kind, Slug(ch))), Is.EqualTo(new[] { (JobChangeKind.Closed, "c") }));
        Assert.That(third.Changes[0].Job.ClosedAt, Is.EqualTo(T0.AddHours(2)));

        var fourth = JobTracker.Compare("acme", third.Writes, [Job("https://acme.example/a"), Job("https://acme.example/c")], T0.AddHours(3), 2);
        var reopened = fourth.Changes.Single(ch => ch.Kind == JobChangeKind.Opened);
        Assert.That(Slug(reopened), Is.EqualTo("c"));
        Assert.That(reopened.Job.FirstSeen, Is.EqualTo(T0), "back after it closed: opened again, first seen when it first was");
        Assert.That(fourth.Changes.Where(ch => ch.Kind != JobChangeKind.Opened), Is.Empty, "b missed once only");
    }

    [Test]
    public void A_job_listed_twice_is_one_job()
    {
        var comparison = JobTracker.Compare("acme", [], [Job("https://acme.example/a"), Job("https://ACME.example/a/")], T0, 2);
        Assert.That(comparison.Changes, Has.Count.EqualTo(1));
        Assert.That(comparison.Writes, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_job_read_from_an_ats_goes_by_its_id_and_stays_the_same_job_when_its_url_moves()
    {
        var onBoard = Job("https://boards.greenhouse.io/acme/jobs/8172503") with { AtsId = "greenhouse:acme:8172503" };
        Assert.That(JobTracker.IdentityOf(onBoard), Is.EqualTo("greenhouse:acme:8172503"));
        var known = JobTracker.Compare("acme", [], [onBoard], T0, 2).Writes;

        var moved = JobTracker.Compare("acme", known, [onBoard with { Url = "https://acme.example/careers?gh_jid=8172503" }], T0.AddHours(1), 2);

        Assert.That(moved.Changes, Is.Empty, "the company put its board behind its own site: the same job, nothing to tell");
        Assert.That(moved.Writes.Single().Identity, Is.EqualTo("greenhouse:acme:8172503"));
    }

    [Test]
    public void A_job_kept_by_its_url_takes_the_ats_id_once_a_read_gives_it_and_keeps_it_when_one_does_not()
    {
        var url = "https://boards.greenhouse.io/acme/jobs/1";
        var kept = JobTracker.Compare("acme", [], [Job(url)], T0, 1).Writes;
        Assert.That(kept.Single().Identity, Is.EqualTo(url), "kept before ids were");

        var upgraded = JobTracker.Compare("acme", kept, [Job(url) with { AtsId = "greenhouse:acme:1" }], T0.AddHours(1), 1);
        Assert.That(upgraded.Changes, Is.Empty, "neither opened nor, with closeAfterMissedRuns 1, closed");
        Assert.That(upgraded.Writes.Single(), Has.Property(nameof(TrackedJob.Identity)).EqualTo("greenhouse:acme:1").And.Property(nameof(TrackedJob.FormerIdentity)).EqualTo(url));

        // The board's API was down and its page was read instead: no id this time.
        var fromPage = JobTracker.Compare("acme", upgraded.Writes, [Job(url + "/")], T0.AddHours(2), 1);
        Assert.That(fromPage.Changes, Is.Empty);
        Assert.That(fromPage.Writes.Single(), Has.Property(nameof(TrackedJob.Identity)).EqualTo("greenhouse:acme:1").And.Property(nameof(TrackedJob.FormerIdentity)).Null);
    }

    [Test]
    public void Two_ats_ids_at_one_url_are_two_jobs()
    {
        var url = "https://acme.example/careers";
        var known = JobTracker.Compare("acme", [], [Job(url) with { AtsId = "lever:acme:a" }], T0, 1).Writes;

        var reposted = JobTracker.Compare("acme", known, [Job(url) with { AtsId = "lever:acme:b" }], T0.AddHours(1), 1);

        Assert.That(reposted.Changes.Select(c => (c.Kind, c.Job.Identity)), Is.EquivalentTo(new[] { (JobChangeKind.Opened, "lever:acme:b"), (JobChangeKind.Closed, "lever:acme:a") }));
    }

    [Test]
    public void Filters_match_every_field_given()
    {
        var job = Job("https://acme.example/a") with { Title = "Senior Data Engineer", Location = "Berlin, Germany", LocationType = LocationType.Hybrid, Seniority = "senior", Department = "Data" };
        Assert.That(WatchFilters.None.Matches(job), Is.True);
        Assert.That(new WatchFilters { Keywords = ["python", "data"] }.Matches(job), Is.True, "any keyword");
        Assert.That(new WatchFilters { Keywords = ["python"] }.Matches(job), Is.False);
        Assert.That(new WatchFilters { Location = "berlin", LocationType = LocationType.Hybrid, Seniority = "SENIOR", Department = "data" }.Matches(job), Is.True);
        Assert.That(new WatchFilters { Location = "berlin", LocationType = LocationType.Remote }.Matches(job), Is.False, "every field");
    }

    private static string Slug(JobChange change) => change.Job.Identity.Split('/')[^1];

    private static Job Job(string url) => new() { Company = "Acme", Title = "Engineer", Url = url, Location = "Berlin" };
}

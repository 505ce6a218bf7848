using JobStream.Application.Scraping;
using JobStream.Application.Serialization;
using JobStream.Domain.Scraping;
using JobStream.Domain.Watches;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Application.Watches;

/// <summary>
/// Runs one claimed watch: scrapes its domains through the same scraper as every stream (its limits, its
/// per-site politeness), compares each domain that was read with what the watch remembers, and writes the
/// jobs and the change events in one transaction under the claim. A domain that could not be read changes
/// nothing: its jobs are neither seen nor missed. A domain whose jobs all came from one page or API answer
/// that carried a validator is first asked for it conditionally, and one whose sitemap dated every page its
/// jobs came from is first compared with that sitemap: a 304, or the same pages with the same dates, means
/// its jobs are as last time, and nothing more is fetched from it.
/// </summary>
public sealed partial class WatchRunner(
    IWatchStore store,
    DomainsScraper scraper,
    ISiteChangeCheck changes,
    WatchFeedNotifier feed,
    IOptions<WatchesOptions> options,
    TimeProvider time,
    ILogger<WatchRunner> logger)
{
    /// <summary>Runs the watch; false when its claim was lost meanwhile and nothing of the run was kept.</summary>
    public async Task<bool> RunAsync(WatchLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var watch = lease.Watch;
        var started = new WatchRunSummary { StartedAt = time.GetUtcNow(), Domains = watch.Domains.Count };
        if (!await store.RecordAsync(lease, new WatchRecord([], [WatchRunEvent.Draft(watch.Id, WatchRunEvent.Started, started)], null), time.GetUtcNow(), cancellationToken))
        {
            return false;
        }
        feed.Poke();

        var remembered = (await store.LoadJobsAsync(watch.Id, cancellationToken)).ToLookup(j => j.Domain, StringComparer.Ordinal);
        var open = remembered.SelectMany(d => d).Where(j => j.IsOpen).Select(j => j.Identity).ToHashSet(StringComparer.Ordinal);
        var writes = new List<TrackedJob>();
        var events = new List<FeedDraft>();
        var errors = new List<WatchRunError>();
        var sources = new Dictionary<string, SiteSource?>(StringComparer.Ordinal);
        var inSitemaps = new List<(string Domain, IReadOnlyList<Domain.Jobs.Job> Jobs)>();
        int opened = 0, changed = 0, closed = 0;
        // An open job is one domain's: where two domains of the watch list the same job (a company site and
        // its board), the domain that has it first keeps it, and the other's listing of it is not a second
        // job. Once closed, whichever domain lists it again opens it again.
        // As in JobTracker, where one domain read the ATS's id of a job (its board's API) and the other only
        // its link, the URL tells.
        var holder = new Dictionary<string, string>(StringComparer.Ordinal);
        var holderAtUrl = new Dictionary<string, (string Domain, Domain.Jobs.Job Job)>(StringComparer.Ordinal);
        void Hold(TrackedJob job, string domain)
        {
            holder[job.Identity] = domain;
            holderAtUrl[JobTracker.UrlIdentityOf(job.Job)] = (domain, job.Job);
        }
        foreach (var job in remembered.SelectMany(d => d).Where(j => j.IsOpen))
        {
            Hold(job, job.Domain);
        }
        string HolderOf(Domain.Jobs.Job job, string domain) =>
            holder.GetValueOrDefault(JobTracker.IdentityOf(job))
            ?? (holderAtUrl.TryGetValue(JobTracker.UrlIdentityOf(job), out var atUrl) && JobTracker.MayBeOneAtUrl(atUrl.Job, job) ? atUrl.Domain : domain);
        void Compare(string domain, IReadOnlyList<Domain.Jobs.Job> found, bool whole = true)
        {
            var own = found.Where(j => HolderOf(j, domain) == domain).ToList();
            var comparison = JobTracker.Compare(domain, remembered[domain].ToList(), own, time.GetUtcNow(), options.Value.CloseAfterMissedRuns, whole);
            writes.AddRange(comparison.Writes);
            foreach (var written in comparison.Writes)
            {
                Hold(written, domain);
            }
            foreach (var change in comparison.Changes)
            {
                switch (change.Kind)
                {
                    case JobChangeKind.Opened: opened++; open.Add(change.Job.Identity); break;
                    case JobChangeKind.Changed: changed++; break;
                    case JobChangeKind.Closed: closed++; open.Remove(change.Job.Identity); break;
                }
                if (watch.Filters.Matches(change.Job.Job))
                {
                    events.Add(ChangeEvent(watch, change));
                }
            }
        }

        // Unchanged since last time: the jobs seen then are seen again (those already missing stay missing).
        var unchanged = await UnchangedAsync(watch, cancellationToken);
        foreach (var domain in unchanged)
        {
            Compare(domain, remembered[domain].Where(j => j.IsOpen && j.MissedRuns == 0).Select(j => j.Job).ToList());
        }

        var toScrape = watch.Domains.Where(d => !unchanged.Contains(d)).ToList();
        using (var fetched = changes.BeginLog())
        {
            await foreach (var update in scraper.ScrapeAsync(toScrape, withProgress: false, cancellationToken))
            {
                if (update.DomainResult is not { } result)
                {
                    continue;
                }
                if (result.Status == ScrapeStatus.Error)
                {
                    errors.Add(new WatchRunError(result.Domain, result.Error ?? "could not be read"));
                    continue;
                }
                var whole = result.Status == ScrapeStatus.Success;
                if (!whole)
                {
                    errors.Add(new WatchRunError(result.Domain, "partly read: " + string.Join("; ", result.Warnings ?? [])));
                }
                Compare(result.Domain, result.Jobs, whole);
                // Only a whole read may stand for the site next time.
                sources[result.Domain] = whole ? fetched.SourceOf(result.Domain, result.Jobs) : null;
                if (whole && sources[result.Domain] is null && result.Jobs.Count > 0)
                {
                    inSitemaps.Add((result.Domain, result.Jobs));
                }
            }
        }
        await SitemapSourcesAsync(inSitemaps, sources, cancellationToken);

        var finished = started with
        {
            FinishedAt = time.GetUtcNow(),
            Opened = opened,
            Changed = changed,
            Closed = closed,
            Open = open.Count,
            Unchanged = unchanged.Count,
            Errors = errors,
        };
        events.Add(WatchRunEvent.Draft(watch.Id, WatchRunEvent.Finished, finished));
        if (!await store.RecordAsync(lease, new WatchRecord(writes, events, finished) { Sources = sources }, time.GetUtcNow(), cancellationToken))
        {
            LogLost(watch.Id);
            return false;
        }
        feed.Poke();
        LogFinished(watch.Id, opened, changed, closed, errors.Count);
        return true;
    }

    // The domains whose source is as it was, a few asked at once.
    private async Task<HashSet<string>> UnchangedAsync(Watch watch, CancellationToken cancellationToken)
    {
        var sources = (await store.LoadSourcesAsync(watch.Id, cancellationToken)).Where(s => watch.Domains.Contains(s.Domain)).ToList();
        var unchanged = new HashSet<string>(StringComparer.Ordinal);
        await FewAtOnceAsync(sources, async source =>
        {
            if (await changes.IsUnchangedAsync(source, cancellationToken))
            {
                lock (unchanged)
                {
                    unchanged.Add(source.Domain);
                }
            }
        }, cancellationToken);
        return unchanged;
    }

    // Domains read in full whose jobs no one answer holds: the site's sitemap, where it dates every page they came from.
    private async Task SitemapSourcesAsync(IReadOnlyList<(string Domain, IReadOnlyList<Domain.Jobs.Job> Jobs)> domains, Dictionary<string, SiteSource?> sources, CancellationToken cancellationToken) =>
        await FewAtOnceAsync(domains, async read =>
        {
            var source = await changes.SitemapSourceAsync(read.Domain, read.Jobs, cancellationToken);
            lock (sources)
            {
                sources[read.Domain] = source;
            }
        }, cancellationToken);

    // A few sites asked at once.
    private static Task FewAtOnceAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (item, _) => await action(item));

    private static FeedDraft ChangeEvent(Watch watch, JobChange change)
    {
        var job = StoredJob.Of(watch.Id, change.Job);
        var data = change.Kind == JobChangeKind.Changed
            ? new JobChangeEvent(watch.Id, job, change.ChangedFields, change.Previous)
            : new JobChangeEvent(watch.Id, job);
        return new FeedDraft(WatchEvents.Of(change.Kind), JsonPayload.From(data));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch {WatchId} ran: {Opened} opened, {Changed} changed, {Closed} closed, {Failed} domains not read")]
    private partial void LogFinished(string watchId, int opened, int changed, int closed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {WatchId}: its claim lapsed and another instance took it over; this run's findings are dropped")]
    private partial void LogLost(string watchId);
}

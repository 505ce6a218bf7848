using JobStream.Application.Watches;
using JobStream.Domain.Watches;
using Microsoft.EntityFrameworkCore;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// Watches and their runs in the job database. A claim is one conditional UPDATE (due, and nobody's claim
/// in force), which both PostgreSQL and SQLite apply atomically, so of several instances one wins. A run's
/// record is written in one transaction that first checks the claim is still this run's.
/// </summary>
public sealed class WatchStore(JobsDatabase database) : IWatchStore
{
    /// <summary>The PostgreSQL advisory lock that orders feed writes: ids become visible in the order they rise.</summary>
    private const long FeedWriteLock = 0x4A6F6253_7472656D;

    public async Task AddAsync(Watch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watch);
        await using var db = database.CreateDbContext();
        db.Watches.Add(watch.ToRow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Watch?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var found = await db.Watches.AsNoTracking()
            .Where(w => w.Id == id)
            .Select(w => new { Row = w, Open = db.Jobs.Count(j => j.WatchId == w.Id && j.ClosedAt == null) })
            .SingleOrDefaultAsync(cancellationToken);
        return found?.Row.ToWatch(found.Open);
    }

    public async Task<IReadOnlyList<Watch>> ListAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Watches.AsNoTracking()
            .Where(w => w.Owner == owner)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Select(w => new { Row = w, Open = db.Jobs.Count(j => j.WatchId == w.Id && j.ClosedAt == null) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => r.Row.ToWatch(r.Open)).ToList();
    }

    public async Task<int> CountAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        return await db.Watches.CountAsync(w => w.Owner == owner, cancellationToken);
    }

    public async Task<bool> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        return await db.Watches.Where(w => w.Id == id).ExecuteUpdateAsync(set => set.SetProperty(w => w.Paused, paused), cancellationToken) == 1;
    }

    public async Task<bool> RunNowAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        return await db.Watches.Where(w => w.Id == id).ExecuteUpdateAsync(set => set.SetProperty(w => w.RunRequested, true), cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WatchEvents.Where(e => e.WatchId == id).ExecuteDeleteAsync(cancellationToken);
        await db.DomainSources.Where(s => s.WatchId == id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.WatchId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Jobs.Where(j => j.WatchId == id).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Watches.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<WatchLease?> ClaimDueAsync(DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        var until = now + leaseFor;
        await using var db = database.CreateDbContext();
        var candidates = await Due(db.Watches, now).OrderBy(w => w.NextRunAt).Select(w => w.Id).Take(8).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var token = Guid.NewGuid().ToString("N");
            var claimed = await Due(db.Watches, now).Where(w => w.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(w => w.LeaseToken, token)
                .SetProperty(w => w.LeaseUntil, until)
                .SetProperty(w => w.RunRequested, false), cancellationToken);
            if (claimed == 1 && await db.Watches.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is { } row)
            {
                return new WatchLease(row.ToWatch(), token, until) { ClaimedAt = now };
            }
        }
        return null;
    }

    public async Task<WatchLease?> RenewAsync(WatchLease lease, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        until = until.ToUniversalTime();
        await using var db = database.CreateDbContext();
        var renewed = await db.Watches.Where(w => w.Id == lease.Watch.Id && w.LeaseToken == lease.Token)
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.LeaseUntil, until), cancellationToken);
        return renewed == 1 ? lease with { Until = until } : null;
    }

    public async Task ReleaseAsync(WatchLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = database.CreateDbContext();
        // Given up unfinished: due again at once, for whichever instance looks first.
        await db.Watches.Where(w => w.Id == lease.Watch.Id && w.LeaseToken == lease.Token).ExecuteUpdateAsync(set => set
            .SetProperty(w => w.LeaseToken, (string?)null)
            .SetProperty(w => w.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(w => w.RunRequested, true), cancellationToken);
    }

    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        await using var db = database.CreateDbContext();
        var next = await db.Watches.Where(w => !w.Paused && (w.LeaseUntil == null || w.LeaseUntil < now))
            .OrderBy(w => w.NextRunAt).Select(w => new { w.NextRunAt }).FirstOrDefaultAsync(cancellationToken);
        return next?.NextRunAt;
    }

    public async Task<IReadOnlyList<SiteSource>> LoadSourcesAsync(string watchId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.DomainSources.AsNoTracking().Where(s => s.WatchId == watchId).ToListAsync(cancellationToken);
        return rows.Select(r => new SiteSource(r.Domain, r.Url, r.ETag, r.LastModified)
        {
            Listing = r is { SitemapScope: { } scope, SitemapDigest: { } digest } ? new SitemapListing(scope, digest) : null,
        }).ToList();
    }

    public async Task<IReadOnlyList<TrackedJob>> LoadJobsAsync(string watchId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.Jobs.AsNoTracking().Where(j => j.WatchId == watchId).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToTracked()).ToList();
    }

    public async Task<bool> RecordAsync(WatchLease lease, WatchRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(record);
        now = now.ToUniversalTime();
        var watch = lease.Watch;
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (database.Provider == JobsProvider.Postgres && record.Events.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({FeedWriteLock})", cancellationToken);
            // Sent when the transaction commits, and only then: listeners read the feed once it holds the events.
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({JobsDatabase.FeedChannel}, '')", cancellationToken);
        }

        // The claim first: the UPDATE holds the watch's row until commit, so no takeover slips in between.
        var held = record.Finished is { } finished
            ? await Held(db, lease).ExecuteUpdateAsync(set => set
                .SetProperty(w => w.LeaseToken, (string?)null)
                .SetProperty(w => w.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(w => w.LastRun, RowMapping.Json(finished))
                .SetProperty(w => w.NextRunAt, NextRun(lease, now)), cancellationToken)
            : await Held(db, lease).ExecuteUpdateAsync(set => set.SetProperty(w => w.LeaseToken, lease.Token), cancellationToken);
        if (held != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (record.Jobs.Count > 0)
        {
            var identities = record.Jobs.Select(j => j.FormerIdentity ?? j.Identity).ToList();
            var rows = await db.Jobs.Where(j => j.WatchId == watch.Id && identities.Contains(j.Identity))
                .ToDictionaryAsync(j => j.Identity, StringComparer.Ordinal, cancellationToken);
            foreach (var tracked in record.Jobs)
            {
                if (rows.TryGetValue(tracked.FormerIdentity ?? tracked.Identity, out var row))
                {
                    tracked.Write(watch, row);
                }
                else
                {
                    db.Jobs.Add(tracked.Write(watch, null));
                }
            }
        }
        if (record.Sources.Count > 0)
        {
            var domains = record.Sources.Keys.ToList();
            var sources = await db.DomainSources.Where(s => s.WatchId == watch.Id && domains.Contains(s.Domain))
                .ToDictionaryAsync(s => s.Domain, StringComparer.Ordinal, cancellationToken);
            foreach (var (domain, source) in record.Sources)
            {
                var row = sources.GetValueOrDefault(domain);
                if (source is null)
                {
                    if (row is not null)
                    {
                        db.DomainSources.Remove(row);
                    }
                    continue;
                }
                if (row is null)
                {
                    row = new SourceRow { WatchId = watch.Id, Domain = domain, Url = source.Url };
                    db.DomainSources.Add(row);
                }
                row.Url = source.Url;
                row.ETag = source.ETag;
                row.LastModified = source.LastModified?.ToUniversalTime();
                row.SitemapScope = source.Listing?.Scope;
                row.SitemapDigest = source.Listing?.Digest;
            }
        }
        foreach (var draft in record.Events)
        {
            db.WatchEvents.Add(new FeedRow { WatchId = watch.Id, Owner = watch.Owner, Event = draft.Event, Data = draft.Data.ToString(), At = now });
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    // Due: asked to run, or on schedule and not paused; and nobody's claim in force.
    private static IQueryable<WatchRow> Due(IQueryable<WatchRow> watches, DateTimeOffset now) =>
        watches.Where(w => (w.RunRequested || (!w.Paused && w.NextRunAt <= now)) && (w.LeaseUntil == null || w.LeaseUntil < now));

    private static IQueryable<WatchRow> Held(JobsDbContext db, WatchLease lease) =>
        db.Watches.Where(w => w.Id == lease.Watch.Id && w.LeaseToken == lease.Token);

    // One period after it was due; one period from now when it ran later than a whole period. A run asked
    // for before the watch was due leaves the schedule as it was.
    private static DateTimeOffset NextRun(WatchLease lease, DateTimeOffset now)
    {
        var due = lease.Watch.NextRunAt.ToUniversalTime();
        if (due > lease.ClaimedAt)
        {
            return due;
        }
        var next = due + lease.Watch.Every;
        return next > now ? next : now + lease.Watch.Every;
    }
}

using JobStream.Application.Watches;
using Microsoft.EntityFrameworkCore;

namespace JobStream.Infrastructure.Persistence;

/// <summary>Webhooks in the <c>watches</c> row (URL, secret, cursor, claim) and their log in <c>webhook_deliveries</c>.</summary>
public sealed class WebhookStore(JobsDatabase database) : IWebhookStore
{
    public async Task SetWebhookAsync(string watchId, string? url, string? secret, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var latest = await db.WatchEvents.Where(e => e.WatchId == watchId).MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        await db.Watches.Where(w => w.Id == watchId).ExecuteUpdateAsync(set => set
            .SetProperty(w => w.WebhookUrl, url)
            .SetProperty(w => w.WebhookSecret, secret)
            .SetProperty(w => w.WebhookCursor, latest)
            .SetProperty(w => w.WebhookFailures, 0)
            .SetProperty(w => w.WebhookRetryAt, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<WebhookLease?> ClaimPendingAsync(DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        var until = now + leaseFor;
        await using var db = database.CreateDbContext();
        var pending = Pending(db, now);
        foreach (var id in await pending.Select(w => w.Id).Take(8).ToListAsync(cancellationToken))
        {
            var token = Guid.NewGuid().ToString("N");
            var claimed = await Pending(db, now).Where(w => w.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(w => w.WebhookLeaseToken, token)
                .SetProperty(w => w.WebhookLeaseUntil, until), cancellationToken);
            if (claimed == 1 && await db.Watches.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) is { WebhookUrl: { } url, WebhookSecret: { } secret } row)
            {
                return new WebhookLease(row.Id, url, secret, row.WebhookCursor, row.WebhookFailures, token);
            }
        }
        return null;
    }

    public async Task RecordAttemptAsync(WebhookLease lease, WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(attempt);
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = db.Watches.Where(w => w.Id == lease.WatchId && w.WebhookLeaseToken == lease.Token);
        var updated = attempt.Delivered
            ? await held.ExecuteUpdateAsync(set => set
                .SetProperty(w => w.WebhookCursor, attempt.EventId)
                .SetProperty(w => w.WebhookFailures, 0)
                .SetProperty(w => w.WebhookRetryAt, (DateTimeOffset?)null), cancellationToken)
            : await held.ExecuteUpdateAsync(set => set
                .SetProperty(w => w.WebhookFailures, w => w.WebhookFailures + 1)
                .SetProperty(w => w.WebhookRetryAt, attempt.RetryAt!.Value.ToUniversalTime()), cancellationToken);
        if (updated == 1)
        {
            db.WebhookDeliveries.Add(new DeliveryRow
            {
                WatchId = lease.WatchId,
                EventId = attempt.EventId,
                Event = attempt.Event,
                At = attempt.At.ToUniversalTime(),
                Delivered = attempt.Delivered,
                Status = attempt.Status,
                Error = attempt.Error is { Length: > 500 } error ? error[..500] : attempt.Error,
                RetryAt = attempt.RetryAt?.ToUniversalTime(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReleaseAsync(WebhookLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var db = database.CreateDbContext();
        await db.Watches.Where(w => w.Id == lease.WatchId && w.WebhookLeaseToken == lease.Token).ExecuteUpdateAsync(set => set
            .SetProperty(w => w.WebhookLeaseToken, (string?)null)
            .SetProperty(w => w.WebhookLeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(string watchId, int max, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WatchId == watchId).OrderByDescending(d => d.Id).Take(max).ToListAsync(cancellationToken);
        return rows.Select(r => new WebhookAttempt(r.EventId, r.Event, r.At, r.Delivered, r.Status, r.Error, r.RetryAt)).ToList();
    }

    // A webhook with events after its cursor, not waiting to retry, and nobody's claim in force.
    private static IQueryable<WatchRow> Pending(JobsDbContext db, DateTimeOffset now) =>
        db.Watches.Where(w => w.WebhookUrl != null
                              && (w.WebhookRetryAt == null || w.WebhookRetryAt <= now)
                              && (w.WebhookLeaseUntil == null || w.WebhookLeaseUntil < now)
                              && db.WatchEvents.Any(e => e.WatchId == w.Id && e.Id > w.WebhookCursor));
}

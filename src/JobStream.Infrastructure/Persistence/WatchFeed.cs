using JobStream.Application.Watches;
using Microsoft.EntityFrameworkCore;

namespace JobStream.Infrastructure.Persistence;

/// <summary>The change feed (<c>watch_events</c>), read by id: other services may read the same table the same way.</summary>
public sealed class WatchFeed(JobsDatabase database) : IWatchFeed
{
    public async Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedScope scope, long after, int max, CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var rows = db.WatchEvents.AsNoTracking().Where(e => e.Id > after);
        if (scope.WatchId is { } watchId)
        {
            rows = rows.Where(e => e.WatchId == watchId);
        }
        if (scope.Owner is { } owner)
        {
            rows = rows.Where(e => e.Owner == owner);
        }
        var read = await rows.OrderBy(e => e.Id).Take(max).ToListAsync(cancellationToken);
        return read.Select(r => r.ToEntry()).ToList();
    }

    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        return await db.WatchEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
    }

    public async Task<long?> FirstIdAsync(CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        return await db.WatchEvents.MinAsync(e => (long?)e.Id, cancellationToken);
    }

    public async Task<int> TrimAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        before = before.ToUniversalTime();
        await using var db = database.CreateDbContext();
        return await db.WatchEvents.Where(e => e.At < before).ExecuteDeleteAsync(cancellationToken);
    }
}

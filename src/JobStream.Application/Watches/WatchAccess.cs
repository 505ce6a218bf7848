using JobStream.Application.Errors;
using JobStream.Domain.Watches;

namespace JobStream.Application.Watches;

/// <summary>A user reaches only their own watches: another user's is as good as absent to them (404, not 403, so ids are not probed).</summary>
public static class WatchAccess
{
    public static async Task<Watch> FindOwnAsync(this IWatchStore store, string id, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var watch = await store.FindAsync(id, cancellationToken);
        return watch is not null && watch.Owner == owner
            ? watch
            : throw new NotFoundException($"Watch '{id}' does not exist.");
    }
}

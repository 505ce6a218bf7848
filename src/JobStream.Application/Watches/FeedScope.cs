namespace JobStream.Application.Watches;

/// <summary>Whose change events a feed reads: one watch's, or all of one user's watches'.</summary>
public readonly record struct FeedScope(string? WatchId, string? Owner)
{
    public static FeedScope OfWatch(string watchId) => new(watchId, null);

    public static FeedScope OfUser(string owner) => new(null, owner);

    public bool Includes(FeedEntry entry) =>
        (WatchId is null || entry.WatchId == WatchId) && (Owner is null || entry.Owner == Owner);
}

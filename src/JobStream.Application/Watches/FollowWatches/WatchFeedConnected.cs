namespace JobStream.Application.Watches.FollowWatches;

/// <summary>
/// The first event of a watch stream, <c>connected</c>: which watch (null: all of the user's) and the feed
/// position it starts after, which is also its id, so a client that drops at once can resume.
/// </summary>
public sealed record WatchFeedConnected(string? WatchId, string After);

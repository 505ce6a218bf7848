using JobStream.Application.Serialization;

namespace JobStream.Application.Watches;

/// <summary>
/// One change event as the database keeps it. Ids rise in the order events were written, across every
/// watch and instance, so a client resumes any feed with the last id it saw.
/// </summary>
public sealed record FeedEntry(long Id, string WatchId, string Owner, string Event, JsonPayload Data, DateTimeOffset At);

using JobStream.Application.Serialization;

namespace JobStream.Application.Watches;

/// <summary>A change event not yet written: the database gives it its id.</summary>
public sealed record FeedDraft(string Event, JsonPayload Data);

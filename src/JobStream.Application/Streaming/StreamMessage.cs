using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>
/// One event on a topic, as published: its name, its JSON, and its place in the topic's history
/// (<see cref="StreamItem.Id"/>; null only for what an outside producer sent with a plain PUBLISH, at
/// most once, never kept). A stream forwards it to its client as it is, or with the id the client resumes by.
/// </summary>
public sealed record StreamMessage(string Event, JsonPayload Data, string? Id = null) : StreamItem(Id)
{
    /// <summary>The name an unnamed event travels under: EventSource's default type, written without an <c>event:</c> line.</summary>
    public const string Unnamed = "message";

    /// <summary>
    /// Not an event: a subscription yields this one instance when its backplane subscription is lost.
    /// Events published from then until <see cref="Resubscribed"/> may not arrive; readers hold back
    /// what does arrive meanwhile and fill the gap from the history, in order, once it is back.
    /// </summary>
    public static readonly StreamMessage Suspended = new("suspended", JsonPayload.Null);

    /// <summary>Not an event: the backplane subscription is back (see <see cref="Suspended"/>).</summary>
    public static readonly StreamMessage Resubscribed = new("resubscribed", JsonPayload.Null);
}

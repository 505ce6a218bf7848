using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>
/// One event on a topic. <see cref="Id"/> is the event's place in its topic's history; it is null only
/// for what an outside producer sent with a plain PUBLISH (at most once, never kept).
/// </summary>
public sealed record StreamMessage(string Event, JsonPayload Data, string? Id = null)
{
    /// <summary>
    /// Not an event: a subscription yields this one instance when its backplane subscription is lost.
    /// Events published from then until <see cref="Resubscribed"/> may not arrive; readers hold back
    /// what does arrive meanwhile and fill the gap from the history, in order, once it is back.
    /// </summary>
    public static readonly StreamMessage Suspended = new("suspended", JsonPayload.Null);

    /// <summary>Not an event: the backplane subscription is back (see <see cref="Suspended"/>).</summary>
    public static readonly StreamMessage Resubscribed = new("resubscribed", JsonPayload.Null);
}

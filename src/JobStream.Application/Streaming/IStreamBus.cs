using JobStream.Application.Serialization;

namespace JobStream.Application.Streaming;

/// <summary>
/// Publishing and subscribing. Every published event is kept in its topic's capped history and gets
/// an id from it, in the same step as it is delivered, so a client that reconnects with the last id
/// it saw is given what it missed. In memory when no Redis is configured; with Redis, events
/// published on any instance, or by any outside process, reach subscribers wherever they are.
/// </summary>
public interface IStreamBus
{
    /// <summary>
    /// Publishes an event and returns its id. On a user's progress topic a <c>progress</c> event is
    /// also kept as the user's latest state. With <paramref name="onceKey"/>, publishing the same key on
    /// the same connection again returns the first event's id and delivers nothing: a job that runs
    /// again after its worker died does not tell its client anything twice.
    /// </summary>
    /// <exception cref="ArgumentException">The event name or the data size is not allowed.</exception>
    /// <exception cref="ConnectionGoneException">The connection does not exist or has expired.</exception>
    Task<string> PublishAsync(StreamTopic topic, string eventName, JsonPayload data, string? onceKey, CancellationToken cancellationToken);

    /// <summary>
    /// Sends an event to the topic's subscribers of this moment, at most once: no id, not kept. For what
    /// is only worth seeing live (the scraper's log lines), so it never pushes real events out of a history.
    /// </summary>
    Task PublishTransientAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken);

    /// <summary>
    /// Registers now, so nothing published after this returns is missed. When the backplane loses its
    /// subscription, the subscription yields <see cref="StreamMessage.Suspended"/>, and
    /// <see cref="StreamMessage.Resubscribed"/> once it is back; <see cref="StreamFollower"/> fills the gap.
    /// </summary>
    IStreamSubscription Subscribe(StreamTopic topic);
}

public static class StreamBusExtensions
{
    /// <summary>Publishes an event that may be repeated (no once-key).</summary>
    public static Task<string> PublishAsync(this IStreamBus bus, StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return bus.PublishAsync(topic, eventName, data, onceKey: null, cancellationToken);
    }
}

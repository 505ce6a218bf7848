using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Publishing and subscribing within one process, the default when no Redis is configured: each event
/// gets its id, goes into its topic's capped history and out to the subscribers in one step under the
/// topic's lock, as the Redis functions do it, so clients see no difference.
/// </summary>
public sealed class InMemoryStreamBus(MemoryTopics topics, LocalFanOut fanOut, IOptions<HubOptions> options, JobStreamMetrics metrics) : IStreamBus
{
    private readonly HubOptions _options = options.Value;

    public Task<string> PublishAsync(StreamTopic topic, string eventName, JsonPayload data, string? onceKey, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsurePublishable(topic, eventName, data, _options.MaxPayloadBytes);
        var kept = topics.FindOrAddForPublishing(topic) ?? throw new ConnectionGoneException(topic.Key);
        lock (kept)
        {
            // Id, history and delivery under the topic's lock, so history order is delivery order.
            if (kept.History.TryGetOnce(onceKey, out var seen))
            {
                return Task.FromResult(seen);
            }
            var message = new StreamMessage(eventName, data, topics.NextId());
            kept.History.Append(message, onceKey);
            kept.ExpiresAt = topics.ExpiryAfterWrite(topic.Kind);
            if (topic.Kind == StreamTopicKind.UserProgress)
            {
                kept.Latest = new LatestProgress(data, message.Id);
            }
            metrics.Published(topic.Kind);
            fanOut.Deliver(topic, message);
            return Task.FromResult(message.Id!);
        }
    }

    public Task PublishTransientAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken)
    {
        PublishedPayload.EnsureEventName(eventName);
        PublishedPayload.EnsureSize(data, _options.MaxPayloadBytes);
        metrics.Published(topic.Kind);
        fanOut.Deliver(topic, new StreamMessage(eventName, data));
        return Task.CompletedTask;
    }

    public IStreamSubscription Subscribe(StreamTopic topic) => fanOut.Subscribe(topic);
}

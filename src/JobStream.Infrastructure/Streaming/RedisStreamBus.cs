using System.Text;
using JobStream.Application.Serialization;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Publishing through JobStream's Redis Functions (<see cref="HubFunctions"/>), the same ones outside
/// producers call, which keep each topic's capped history and publish with its id in one step; and
/// subscribing on this instance: the topic's sharded channel is subscribed while a client here follows
/// it (<see cref="RedisInbox"/>), which hands each message that arrives to its subscribers.
/// </summary>
public sealed class RedisStreamBus(IConnectionMultiplexer redis, HubFunctions functions, LocalFanOut fanOut, RedisInbox inbox, IOptions<HubOptions> options, JobStreamMetrics metrics) : IStreamBus
{
    private readonly HubOptions _options = options.Value;

    public Task<string> PublishAsync(StreamTopic topic, string eventName, JsonPayload data, string? onceKey, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        PublishedPayload.EnsurePublishable(topic, eventName, data, _options.MaxPayloadBytes);
        var id = await functions.PublishAsync(topic, eventName, Encoding.UTF8.GetString(data.Utf8.Span), onceKey);
        metrics.Published(topic.Kind);
        return id;
    });

    public Task PublishTransientAsync(StreamTopic topic, string eventName, JsonPayload data, CancellationToken cancellationToken) => RedisCalls.OnRequestPath(async () =>
    {
        PublishedPayload.EnsureEventName(eventName);
        PublishedPayload.EnsureSize(data, _options.MaxPayloadBytes);
        metrics.Published(topic.Kind);
        var json = Encoding.UTF8.GetString(data.Utf8.Span);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Sharded(StreamChannels.For(topic)), Encoding.UTF8.GetBytes($"{{\"event\":\"{eventName}\",\"data\":{json}}}"));
    });

    // Registered here first, then the channel subscribed: nothing that arrives once it is can be missed.
    public IStreamSubscription Subscribe(StreamTopic topic)
    {
        var subscription = fanOut.Subscribe(topic);
        inbox.Follow(topic);
        return subscription;
    }
}

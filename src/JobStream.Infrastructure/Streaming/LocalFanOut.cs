using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Delivers events to this instance's subscribers. Each subscriber has its own bounded queue: a
/// subscriber that stops reading is cut off when its queue is full, and never slows the publisher or
/// the other subscribers. Delivery reads an immutable snapshot of a topic's subscribers, without locks.
/// </summary>
public sealed class LocalFanOut(int queueCapacity)
{
    private readonly ConcurrentDictionary<StreamTopic, ImmutableArray<Subscription>> _topics = new();
    private readonly int[] _counts = new int[Enum.GetValues<StreamTopicKind>().Length];

    public IStreamSubscription Subscribe(StreamTopic topic)
    {
        var subscription = new Subscription(this, topic, queueCapacity);
        _topics.AddOrUpdate(topic, static (_, s) => [s], static (_, list, s) => list.Add(s), subscription);
        Interlocked.Increment(ref _counts[(int)topic.Kind]);
        return subscription;
    }

    /// <summary>Queues the message for every subscriber of the topic; returns how many got it.</summary>
    public int Deliver(StreamTopic topic, StreamMessage message)
    {
        if (!_topics.TryGetValue(topic, out var subscribers))
        {
            return 0;
        }
        var delivered = 0;
        foreach (var subscriber in subscribers)
        {
            delivered += subscriber.Offer(message) ? 1 : 0;
        }
        return delivered;
    }

    public bool HasSubscribers(StreamTopic topic) => _topics.ContainsKey(topic);

    public IReadOnlyDictionary<StreamTopicKind, int> Counts() =>
        Enum.GetValues<StreamTopicKind>().ToDictionary(kind => kind, kind => Volatile.Read(ref _counts[(int)kind]));

    private void Remove(Subscription subscription)
    {
        while (_topics.TryGetValue(subscription.Topic, out var list))
        {
            var updated = list.Remove(subscription);
            var replaced = updated.IsEmpty
                ? _topics.TryRemove(new KeyValuePair<StreamTopic, ImmutableArray<Subscription>>(subscription.Topic, list))
                : _topics.TryUpdate(subscription.Topic, updated, list);
            if (replaced)
            {
                Interlocked.Decrement(ref _counts[(int)subscription.Topic.Kind]);
                return;
            }
        }
    }

    private sealed class Subscription(LocalFanOut owner, StreamTopic topic, int capacity) : IStreamSubscription
    {
        private readonly Channel<StreamMessage> _queue = Channel.CreateBounded<StreamMessage>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        private int _disposed;

        public StreamTopic Topic { get; } = topic;

        public bool Offer(StreamMessage message)
        {
            if (_queue.Writer.TryWrite(message))
            {
                return true;
            }
            // Full (or already closed): this subscriber is too slow; end its stream rather than wait for it.
            _queue.Writer.TryComplete(new SlowSubscriberException(capacity));
            return false;
        }

        public async IAsyncEnumerable<StreamMessage> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                while (reader.TryRead(out var message))
                {
                    yield return message;
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _queue.Writer.TryComplete();
                owner.Remove(this);
            }
            return ValueTask.CompletedTask;
        }
    }
}

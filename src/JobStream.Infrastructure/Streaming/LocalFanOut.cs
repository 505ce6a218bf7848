using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using JobStream.Application.Streaming;

namespace JobStream.Infrastructure.Streaming;

/// <summary>
/// Delivers events to this instance's subscribers. Each subscriber has its own bounded queue: a
/// subscriber that stops reading is cut off when its queue is full, and never slows the publisher or
/// the other subscribers. Delivery walks an array snapshot of a topic's subscribers without locking;
/// the snapshot is rebuilt on the first delivery after the subscribers changed, not on every change,
/// so 10,000 clients joining one topic cost 10,000 list additions, not 10,000 array copies.
/// <paramref name="onSlowSubscriber"/> hears of each subscriber cut off, once.
/// </summary>
public sealed class LocalFanOut(int queueCapacity, Action? onSlowSubscriber = null)
{
    private readonly ConcurrentDictionary<StreamTopic, Subscribers> _topics = new();
    private readonly int[] _counts = new int[Enum.GetValues<StreamTopicKind>().Length];

    /// <summary>Raised when a topic's last subscriber has left (not under any lock of this class).</summary>
    public event Action<StreamTopic>? TopicEmptied;

    public IStreamSubscription Subscribe(StreamTopic topic)
    {
        var subscription = new Subscription(this, topic, queueCapacity, onSlowSubscriber);
        while (!_topics.GetOrAdd(topic, static _ => new Subscribers()).TryAdd(subscription))
        {
            // That topic's last subscriber left and took it out of the dictionary meanwhile: add a new one.
        }
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
        subscribers.Saw(message);
        var delivered = 0;
        foreach (var subscriber in subscribers.Snapshot())
        {
            delivered += subscriber.Offer(message) ? 1 : 0;
        }
        return delivered;
    }

    /// <summary>Queues a marker (<see cref="StreamMessage.Suspended"/>, <see cref="StreamMessage.Resubscribed"/>) for every subscriber of every topic.</summary>
    public void DeliverToAll(StreamMessage marker)
    {
        foreach (var topic in _topics.Keys)
        {
            Deliver(topic, marker);
        }
    }

    public bool HasSubscribers(StreamTopic topic) => _topics.ContainsKey(topic);

    /// <summary>
    /// The id of the newest event on the topic (null: it has none), where this instance knows it while it
    /// follows the topic without a break: the last delivered on it, or what <see cref="RememberNewest"/>
    /// was told since. Not known without subscribers, after a suspension, or before either. An event
    /// already published and still on its way here is newer: a client that starts from this id receives it.
    /// </summary>
    public bool TryGetNewestId(StreamTopic topic, out string? id)
    {
        id = null;
        return _topics.TryGetValue(topic, out var subscribers) && subscribers.TryGetNewest(out id);
    }

    /// <summary>
    /// Keeps <paramref name="id"/>, read from the topic's history (null: it has none), as its newest,
    /// unless an event has come since or the topic is suspended (what comes meanwhile may not come here).
    /// </summary>
    public void RememberNewest(StreamTopic topic, string? id)
    {
        if (_topics.TryGetValue(topic, out var subscribers))
        {
            subscribers.Remember(id);
        }
    }

    /// <summary>The keys of the topics of this kind that have subscribers now.</summary>
    public IEnumerable<string> SubscribedKeys(StreamTopicKind kind) =>
        _topics.Keys.Where(topic => topic.Kind == kind).Select(topic => topic.Key);

    public IReadOnlyDictionary<StreamTopicKind, int> Counts() =>
        Enum.GetValues<StreamTopicKind>().ToDictionary(kind => kind, kind => Volatile.Read(ref _counts[(int)kind]));

    private void Remove(Subscription subscription)
    {
        if (!_topics.TryGetValue(subscription.Topic, out var subscribers) || !subscribers.TryRemove(subscription, out var closed))
        {
            return;
        }
        Interlocked.Decrement(ref _counts[(int)subscription.Topic.Kind]);
        if (closed)
        {
            _topics.TryRemove(new KeyValuePair<StreamTopic, Subscribers>(subscription.Topic, subscribers));
            TopicEmptied?.Invoke(subscription.Topic);
        }
    }

    /// <summary>One topic's subscribers. Closed once empty, so a late joiner never adds itself to a removed topic.</summary>
    private sealed class Subscribers
    {
        private readonly List<Subscription> _list = [];
        private Subscription[]? _snapshot;
        private bool _closed;
        private readonly Lock _newest = new();
        private bool _newestKnown;
        private string? _newestId;
        private bool _suspended;

        public bool TryGetNewest(out string? id)
        {
            lock (_newest)
            {
                id = _newestId;
                return _newestKnown;
            }
        }

        // Forgotten when the topic is suspended: what comes after it may not come here.
        public void Saw(StreamMessage message)
        {
            if (ReferenceEquals(message, StreamMessage.Suspended))
            {
                lock (_newest)
                {
                    (_newestKnown, _newestId, _suspended) = (false, null, true);
                }
            }
            else if (ReferenceEquals(message, StreamMessage.Resubscribed))
            {
                lock (_newest)
                {
                    _suspended = false;
                }
            }
            else if (message.Id is { } id)
            {
                lock (_newest)
                {
                    (_newestKnown, _newestId) = (true, id);
                }
            }
        }

        public void Remember(string? id)
        {
            lock (_newest)
            {
                if (!_suspended && !_newestKnown)
                {
                    (_newestKnown, _newestId) = (true, id);
                }
            }
        }

        public bool TryAdd(Subscription subscription)
        {
            lock (_list)
            {
                if (_closed)
                {
                    return false;
                }
                subscription.Index = _list.Count;
                _list.Add(subscription);
                _snapshot = null;
                return true;
            }
        }

        /// <summary>Removes in O(1) by moving the last subscriber into the leaving one's place.</summary>
        public bool TryRemove(Subscription subscription, out bool closed)
        {
            lock (_list)
            {
                closed = false;
                var index = subscription.Index;
                if (index < 0 || index >= _list.Count || _list[index] != subscription)
                {
                    return false;
                }
                var last = _list[^1];
                _list[index] = last;
                last.Index = index;
                _list.RemoveAt(_list.Count - 1);
                subscription.Index = -1;
                _snapshot = null;
                closed = _closed = _list.Count == 0;
                return true;
            }
        }

        public Subscription[] Snapshot()
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null)
            {
                return snapshot;
            }
            lock (_list)
            {
                return _snapshot ??= [.. _list];
            }
        }
    }

    /// <summary>
    /// A subscriber's bounded queue, read once by its stream: the subscription is its reader's wait, so an
    /// idle stream holds this object, its queue and a small reader, not a channel with its reader, writer
    /// and waiter objects and an iterator around it. A waiting reader is woken on the thread pool, never on
    /// the publisher's thread, which goes on to the next subscriber.
    /// </summary>
    private sealed class Subscription(LocalFanOut owner, StreamTopic topic, int capacity, Action? onSlow)
        : IStreamSubscription, IValueTaskSource<bool>
    {
        private readonly Queue<StreamMessage> _queue = new();
        private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
        private CancellationTokenRegistration _cancellation;
        private Exception? _error; // why the queue ended, where it did not end because the subscription did
        private bool _ended;
        private bool _waiting;
        private int _disposed;

        public StreamTopic Topic { get; } = topic;

        /// <summary>Where it is in its topic's list (under that list's lock); -1 once removed.</summary>
        public int Index { get; set; } = -1;

        public StreamMessage Current { get; private set; } = null!;

        public bool Offer(StreamMessage message)
        {
            lock (_queue)
            {
                if (_ended)
                {
                    return false;
                }
                if (_queue.Count < capacity)
                {
                    _queue.Enqueue(message);
                    WakeReader();
                    return true;
                }
            }
            // Full: this subscriber is too slow; end its stream rather than wait for it.
            if (End(new SlowSubscriberException(capacity)))
            {
                onSlow?.Invoke();
            }
            return false;
        }

        public IAsyncEnumerable<StreamMessage> ReadAllAsync(CancellationToken cancellationToken)
        {
            // One cancellation registration for the whole read rather than one per wait.
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((Subscription)state!).End(new OperationCanceledException(token)), this);
            return new Reader(this);
        }

        /// <summary>The next message; false once the subscription has ended and its queue is read; the
        /// reason it ended where that was not the subscriber leaving (too slow, cancelled).</summary>
        public ValueTask<bool> MoveNextAsync()
        {
            lock (_queue)
            {
                if (TryTake(out var ended))
                {
                    return ended;
                }
                _waiter.Reset();
                _waiting = true;
                return new ValueTask<bool>(this, _waiter.Version);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _cancellation.Dispose();
                End(null);
                owner.Remove(this);
            }
            return ValueTask.CompletedTask;
        }

        bool IValueTaskSource<bool>.GetResult(short token)
        {
            _waiter.GetResult(token);
            lock (_queue)
            {
                // Woken by a message or by the end: what MoveNextAsync would have answered then.
                TryTake(out var result);
                return result.GetAwaiter().GetResult();
            }
        }

        ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

        void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _waiter.OnCompleted(continuation, state, token, flags);

        // Under the lock: the next message as Current, or the end; false where the reader has to wait.
        private bool TryTake(out ValueTask<bool> result)
        {
            if (_queue.TryDequeue(out var message))
            {
                Current = message;
                result = new ValueTask<bool>(true);
                return true;
            }
            if (_ended)
            {
                result = _error is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_error);
                return true;
            }
            result = default;
            return false;
        }

        // The messages already queued are still read; then the read ends (with the error, if any).
        private bool End(Exception? error)
        {
            lock (_queue)
            {
                if (_ended)
                {
                    return false;
                }
                _ended = true;
                _error = error;
                WakeReader();
                return true;
            }
        }

        private void WakeReader()
        {
            if (_waiting)
            {
                _waiting = false;
                _waiter.SetResult(true);
            }
        }

        /// <summary>The one read of a subscription. Leaving it ends the read's cancellation, not the subscription.</summary>
        private sealed class Reader(Subscription subscription) : IAsyncEnumerable<StreamMessage>, IAsyncEnumerator<StreamMessage>
        {
            public StreamMessage Current => subscription.Current;

            public IAsyncEnumerator<StreamMessage> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

            public ValueTask<bool> MoveNextAsync() => subscription.MoveNextAsync();

            public ValueTask DisposeAsync()
            {
                subscription._cancellation.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

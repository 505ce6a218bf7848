using System.Threading.Tasks.Sources;

namespace JobStream.Application.Streaming;

/// <summary>
/// One timer for every open stream. A stream's writer waits for its next item or its own <see cref="Alarm"/>,
/// whichever comes first (a keepalive comment, a heartbeat), without a timer, a task or a cancellation
/// registration of its own per wait: with thousands of mostly idle streams those were most of what a
/// stream allocated per event and a good part of what it kept alive while idle.
/// </summary>
public sealed class StreamClock : IDisposable
{
    /// <summary>How often alarms are checked: an alarm rings up to this much after it is due.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(250);

    private readonly TimeProvider _time;
    private readonly HashSet<Alarm> _alarms = [];
    private readonly ITimer _timer;
    private long _now;

    public StreamClock(TimeProvider time)
    {
        _time = time;
        _now = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((StreamClock)state!).Tick(), this, Resolution, Resolution);
    }

    /// <summary>An alarm that rings <paramref name="interval"/> after each <see cref="Alarm.Reset"/>; dispose it when the stream ends.</summary>
    public Alarm CreateAlarm(TimeSpan interval)
    {
        var alarm = new Alarm(this, interval);
        lock (_alarms)
        {
            _alarms.Add(alarm);
        }
        return alarm;
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>
    /// The time as of the last tick: streams read it on every event, and reading a variable is cheaper than
    /// asking the system clock ten thousand times per broadcast, for a precision the ticks limit anyway.
    /// </summary>
    private long Now => Volatile.Read(ref _now);

    private void Tick()
    {
        var now = _time.GetTimestamp();
        Volatile.Write(ref _now, now);
        lock (_alarms)
        {
            foreach (var alarm in _alarms)
            {
                alarm.Check(now);
            }
        }
    }

    private void Remove(Alarm alarm)
    {
        lock (_alarms)
        {
            _alarms.Remove(alarm);
        }
    }

    /// <summary>
    /// One stream's alarm. The stream hands it its pending <c>MoveNextAsync</c> with <see cref="Watch"/>, then
    /// awaits <see cref="WaitAsync"/>: true once the item is there, false if the alarm rang first (the item
    /// is still pending and still watched: wait again after acting on the alarm). Reused for every wait.
    /// </summary>
    public sealed class Alarm : IValueTaskSource<bool>, IDisposable
    {
        private readonly StreamClock _clock;
        private readonly long _interval;
        private readonly Action _onItem;
        private ManualResetValueTaskSourceCore<bool> _core;
        private long _dueAt;
        private int _itemReady = 1;
        private int _waiting;

        internal Alarm(StreamClock clock, TimeSpan interval)
        {
            _clock = clock;
            _interval = (long)(interval.TotalSeconds * clock._time.TimestampFrequency);
            _onItem = OnItem;
            Reset();
        }

        /// <summary>True once the alarm's time has come (checked as the stream goes, for a periodic heartbeat).</summary>
        public bool IsDue => _clock.Now >= Volatile.Read(ref _dueAt);

        /// <summary>Sets the alarm to ring one interval from now.</summary>
        public void Reset() => Volatile.Write(ref _dueAt, _clock.Now + _interval);

        /// <summary>The clock's time as of its last tick, in its timestamp units (<see cref="Span"/>).</summary>
        public long Now => _clock.Now;

        /// <summary>A length of time in the clock's timestamp units.</summary>
        public long Span(TimeSpan span) => (long)(span.TotalSeconds * _clock._time.TimestampFrequency);

        /// <summary>Sets the alarm to ring at <paramref name="timestamp"/>, a time of this clock (<see cref="Now"/>).</summary>
        public void RingAt(long timestamp) => Volatile.Write(ref _dueAt, timestamp);

        /// <summary>Watches a pending item; its completion ends the current or next <see cref="WaitAsync"/> with true.</summary>
        public void Watch(ValueTask<bool> next)
        {
            Interlocked.Exchange(ref _itemReady, 0);
            next.GetAwaiter().UnsafeOnCompleted(_onItem);
        }

        /// <summary>Waits for the watched item (true) or the alarm (false). One wait at a time.</summary>
        public ValueTask<bool> WaitAsync()
        {
            _core.Reset();
            Interlocked.Exchange(ref _waiting, 1);
            if (Volatile.Read(ref _itemReady) == 1)
            {
                Signal(item: true);
            }
            else if (IsDue)
            {
                Signal(item: false);
            }
            return new ValueTask<bool>(this, _core.Version);
        }

        /// <summary>
        /// Waits for the watched item, letting the alarm ring by: a stream that is ending must not dispose
        /// an async iterator whose <c>MoveNextAsync</c> is still running. Each ring resets the alarm; a
        /// due alarm left as it is would end every wait at once, and this loop would spin.
        /// </summary>
        public async ValueTask WaitForItemAsync()
        {
            while (!await WaitAsync())
            {
                Reset();
            }
        }

        public void Dispose() => _clock.Remove(this);

        bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        internal void Check(long now)
        {
            if (Volatile.Read(ref _waiting) == 1 && now >= Volatile.Read(ref _dueAt))
            {
                Signal(item: false);
            }
        }

        private void OnItem()
        {
            Interlocked.Exchange(ref _itemReady, 1);
            Signal(item: true);
        }

        private void Signal(bool item)
        {
            if (Interlocked.CompareExchange(ref _waiting, 0, 1) == 1)
            {
                // An item's continuation already runs on its own thread; a ring comes from the clock's
                // timer, which must not write to every stream itself.
                _core.RunContinuationsAsynchronously = !item;
                _core.SetResult(item);
            }
        }
    }
}

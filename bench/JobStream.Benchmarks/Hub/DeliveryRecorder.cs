using System.Collections;
using System.Diagnostics;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// What the clients received in one phase: every event's publish-to-receive latency, and per stream
/// which sequence numbers arrived, so a lost or duplicated event is counted rather than guessed.
/// Each stream's events are recorded by its own read loop, one at a time.
/// </summary>
internal sealed class DeliveryRecorder
{
    private readonly BitArray[] _seen;
    private readonly long[] _latencies;
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private long _duplicates;
    private long _lastReceived;

    public DeliveryRecorder(int streams, int eventsPerStream, int expected)
    {
        _seen = new BitArray[streams];
        for (var i = 0; i < streams; i++)
        {
            _seen[i] = new BitArray(eventsPerStream);
        }
        _latencies = new long[expected];
        Expected = expected;
    }

    public int Expected { get; }

    public int Received => Volatile.Read(ref _count);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long LastReceived => Interlocked.Read(ref _lastReceived);

    public Task AllArrived => _allArrived.Task;

    public void Record(int stream, long sequence, long sent)
    {
        var now = Stopwatch.GetTimestamp();
        var seen = _seen[stream];
        if (sequence >= seen.Length || seen[(int)sequence])
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        seen[(int)sequence] = true;
        var index = Interlocked.Increment(ref _count) - 1;
        _latencies[index] = now - sent;
        long last;
        while ((last = Interlocked.Read(ref _lastReceived)) < now && Interlocked.CompareExchange(ref _lastReceived, now, last) != last)
        {
        }
        if (index + 1 == Expected)
        {
            _allArrived.TrySetResult();
        }
    }

    /// <summary>Latency percentiles in milliseconds, over the events that arrived.</summary>
    public (double P50, double P99, double Max) Latency()
    {
        var count = Received;
        if (count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }
        var sorted = _latencies.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        return (Ms(sorted[(int)((count - 1) * 0.50)]), Ms(sorted[(int)((count - 1) * 0.99)]), Ms(sorted[^1]));
    }
}

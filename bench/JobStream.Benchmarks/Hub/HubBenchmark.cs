using System.Diagnostics;
using System.Globalization;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// The stream hub under load, against the baseline in the same session (issue #5):
/// (a) fan-out, one channel (/events, Redis <c>broadcast</c>) to N streams: a burst for delivered events
/// per second, then a steady rate for publish-to-receive latency; (b) N connections each receiving its
/// own events through Redis (<c>stream:{id}</c>, seed 004) at a fixed total rate. Each scenario runs in a
/// fresh server process, which also gives the connection set-up rate and resident memory per idle stream.
/// </summary>
internal static class HubBenchmark
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <param name="redisCluster">JobStream on one redis-server beside JobStream on a 3-primary cluster, instead of the baseline beside JobStream.</param>
    public static async Task RunAsync(string repository, bool quick, int? rounds = null, string? only = null, bool redisCluster = false)
    {
        var fanOut = new FanOutSettings(Streams: quick ? 1_000 : 10_000, Burst: 100, SteadyPerSecond: 2, SteadySeconds: quick ? 5 : 10);
        var own = new OwnChannelSettings(Streams: 1_000, PerSecond: 1_000, Seconds: quick ? 5 : 20);
        var roundCount = rounds ?? (quick ? 1 : 3);
        var targets = new List<Func<Task<HubTarget>>>();
        if (only is null or "baseline" && !redisCluster)
        {
            targets.Add(async () => await BaselineTarget.StartAsync());
        }
        if (only is null or "jobstream")
        {
            targets.Add(async () => await JobStreamTarget.StartAsync(repository));
        }
        if (redisCluster)
        {
            targets.Add(async () => await JobStreamTarget.StartAsync(repository, cluster: true));
        }
        var (left, right) = redisCluster ? ("JobStream", "JobStream (cluster)") : ("baseline", "JobStream");

        var runs = new List<StreamRun>();
        for (var round = 1; round <= roundCount; round++)
        {
            foreach (var start in targets)
            {
                await using (var target = await start())
                {
                    runs.Add(Log(await FanOutAsync(target, fanOut)));
                }
                await using (var target = await start())
                {
                    runs.Add(Log(await OwnChannelsAsync(target, own)));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## (a) Fan-out: one channel to {fanOut.Streams:N0} streams ({roundCount} round(s), medians)");
        Console.WriteLine($"Burst of {fanOut.Burst} events for events/s and CPU; then {fanOut.SteadyPerSecond} events/s for {fanOut.SteadySeconds} s for latency and GC pauses.");
        Report(runs.Where(r => r.Scenario == "fan-out").ToList(), left, right);
        Console.WriteLine();
        Console.WriteLine($"## (b) {own.Streams:N0} connections, each its own channel, {own.PerSecond:N0} events/s in all for {own.Seconds} s ({roundCount} round(s), medians)");
        Report(runs.Where(r => r.Scenario == "own-channel").ToList(), left, right);
    }

    private sealed record FanOutSettings(int Streams, int Burst, int SteadyPerSecond, int SteadySeconds);

    private sealed record OwnChannelSettings(int Streams, int PerSecond, int Seconds);

    private sealed record StreamRun(
        string Target, string Scenario, int Streams, double SetupPerSecond, double BytesPerStream,
        double DeliveredPerSecond, double CpuMicrosecondsPerEvent, long Expected, long Lost, long Duplicates, double P50, double P99, double Max,
        double GcPauseMs, int GcCount);

    /// <summary>Which phase's recorder the clients' events go to (none between phases).</summary>
    private sealed class Sink
    {
        private volatile DeliveryRecorder? _recorder;

        public DeliveryRecorder Start(DeliveryRecorder recorder) => _recorder = recorder;

        public void Stop() => _recorder = null;

        public void OnEvent(SseClient client, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
        {
            if (BenchEvent.TryRead(data, out var sequence, out var sent))
            {
                _recorder?.Record(client.Index, sequence, sent);
            }
        }
    }

    private static async Task<StreamRun> FanOutAsync(HubTarget target, FanOutSettings settings)
    {
        var sink = new Sink();
        await WarmUpAsync(target, target.FanOutPath, sink, 1_000, (_, i) => target.BroadcastAsync(BenchEvent.Data(i)));

        var (clients, setupPerSecond, bytesPerStream) = await OpenMeasuredAsync(target, target.FanOutPath, settings.Streams, sink);
        try
        {
            // Burst: as fast as the publisher can, every stream must get every event.
            var burst = sink.Start(new DeliveryRecorder(settings.Streams, settings.Burst, settings.Streams * settings.Burst));
            var cpuBefore = target.Server.CpuTime;
            var started = Stopwatch.GetTimestamp();
            await target.BroadcastAsync([.. Enumerable.Range(0, settings.Burst).Select(i => BenchEvent.Data(i))]);
            await WaitAsync(burst);
            sink.Stop();
            var deliveredPerSecond = burst.Received / Seconds(started, burst.LastReceived);
            var cpuPerEvent = (target.Server.CpuTime - cpuBefore).TotalMicroseconds / Math.Max(burst.Received, 1);

            var events = settings.SteadyPerSecond * settings.SteadySeconds;
            var steady = sink.Start(new DeliveryRecorder(settings.Streams, events, settings.Streams * events));
            var gcBefore = await target.Server.GarbageCollectionsAsync();
            await PaceAsync(events, settings.SteadyPerSecond, i => target.BroadcastAsync(BenchEvent.Data(i)));
            await WaitAsync(steady);
            sink.Stop();
            var gc = Difference(gcBefore, await target.Server.GarbageCollectionsAsync());
            var (p50, p99, max) = steady.Latency();
            var expected = (long)burst.Expected + steady.Expected;
            return new StreamRun(target.Name, "fan-out", settings.Streams, setupPerSecond, bytesPerStream, deliveredPerSecond, cpuPerEvent,
                expected, expected - burst.Received - steady.Received, burst.Duplicates + steady.Duplicates, p50, p99, max, gc.PauseMs, gc.Collections);
        }
        finally
        {
            SseClient.CloseAll(clients);
        }
    }

    private static async Task<StreamRun> OwnChannelsAsync(HubTarget target, OwnChannelSettings settings)
    {
        var sink = new Sink();
        await WarmUpAsync(target, target.ConnectionPath, sink, 10_000, (clients, i) => target.PublishAsync(HubTarget.ConnectionId(clients[i % clients.Length]), BenchEvent.Data(i / clients.Length)));

        var (clients, setupPerSecond, bytesPerStream) = await OpenMeasuredAsync(target, target.ConnectionPath, settings.Streams, sink);
        try
        {
            var ids = clients.Select(HubTarget.ConnectionId).ToArray();
            var events = settings.PerSecond * settings.Seconds;
            var perStream = (events + settings.Streams - 1) / settings.Streams;
            var recorder = sink.Start(new DeliveryRecorder(settings.Streams, perStream, events));
            var cpuBefore = target.Server.CpuTime;
            var gcBefore = await target.Server.GarbageCollectionsAsync();
            var started = Stopwatch.GetTimestamp();
            await PaceAsync(events, settings.PerSecond, i => target.PublishAsync(ids[i % ids.Length], BenchEvent.Data(i / ids.Length)));
            await WaitAsync(recorder);
            sink.Stop();
            var gc = Difference(gcBefore, await target.Server.GarbageCollectionsAsync());
            var (p50, p99, max) = recorder.Latency();
            var cpuPerEvent = (target.Server.CpuTime - cpuBefore).TotalMicroseconds / Math.Max(recorder.Received, 1);
            return new StreamRun(target.Name, "own-channel", settings.Streams, setupPerSecond, bytesPerStream,
                recorder.Received / Seconds(started, recorder.LastReceived), cpuPerEvent, events, events - recorder.Received, recorder.Duplicates, p50, p99, max, gc.PauseMs, gc.Collections);
        }
        finally
        {
            SseClient.CloseAll(clients);
        }
    }

    // JIT, pools and caches warm before anything is measured: 100 streams get enough events for the
    // runtime's tiered compilation to finish with the code they run (a profile of a first version, with
    // 20 events, showed the JIT at 15% of the server's CPU during the measured burst), then close.
    private static async Task WarmUpAsync(HubTarget target, string path, Sink sink, int events, Func<SseClient[], int, Task> publish)
    {
        var clients = await SseClient.OpenManyAsync(target.Server.EndPoint, path, 100, sink.OnEvent);
        for (var i = 0; i < events; i++)
        {
            await publish(clients, i);
            if (i % 100 == 99)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        SseClient.CloseAll(clients);
    }

    private static async Task<(SseClient[] Clients, double SetupPerSecond, double BytesPerStream)> OpenMeasuredAsync(HubTarget target, string path, int count, Sink sink)
    {
        await Task.Delay(Settle);
        var before = target.Server.ResidentBytes;
        var gcBefore = await target.Server.RuntimeFiguresAsync("committed_bytes", "heap_bytes");
        var started = Stopwatch.GetTimestamp();
        var clients = await SseClient.OpenManyAsync(target.Server.EndPoint, path, count, sink.OnEvent);
        var setupPerSecond = count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.Delay(Settle);
        var bytesPerStream = (double)(target.Server.ResidentBytes - before) / count;
        // Of which the garbage collector's: what it has committed, and what its heap holds (live or not yet collected).
        var gcAfter = await target.Server.RuntimeFiguresAsync("committed_bytes", "heap_bytes");
        var (committed, heap) = (gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {target.Name} {path.Split('?')[0]}: {count} idle streams, per stream: resident {bytesPerStream / 1024:0.0} KiB, GC committed {committed / 1024.0 / count:0.0} KiB, GC heap {heap / 1024.0 / count:0.0} KiB"));
        return (clients, setupPerSecond, bytesPerStream);
    }

    /// <summary>Publishes <paramref name="count"/> events at <paramref name="perSecond"/>, each when it falls due.</summary>
    private static async Task PaceAsync(int count, int perSecond, Func<int, Task> publish)
    {
        var started = Stopwatch.GetTimestamp();
        var pending = new List<Task>(count);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        var published = 0;
        while (published < count)
        {
            var due = Math.Min(count, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond) + 1);
            for (; published < due; published++)
            {
                pending.Add(publish(published));
            }
            await timer.WaitForNextTickAsync();
        }
        await Task.WhenAll(pending);
    }

    // Until everything arrived, or nothing more has for 10 s: what is missing then is lost.
    private static async Task WaitAsync(DeliveryRecorder recorder)
    {
        var last = -1;
        while (!recorder.AllArrived.IsCompleted && recorder.Received != last)
        {
            last = recorder.Received;
            await Task.WhenAny(recorder.AllArrived, Task.Delay(TimeSpan.FromSeconds(10)));
        }
    }

    private static (double PauseMs, int Collections) Difference((double PauseMs, int Collections) before, (double PauseMs, int Collections) after) =>
        (after.PauseMs - before.PauseMs, after.Collections - before.Collections);

    private static double Seconds(long from, long to) => Math.Max(to - from, 1) / (double)Stopwatch.Frequency;

    private static StreamRun Log(StreamRun run)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {run.Scenario} {run.Target}: {run.Streams} streams, set-up {run.SetupPerSecond:0}/s, {run.BytesPerStream / 1024:0.0} KiB/stream, {run.DeliveredPerSecond:0} events/s, server CPU {run.CpuMicrosecondsPerEvent:0.0} µs/event, p50 {run.P50:0.0} ms, p99 {run.P99:0.0} ms, max {run.Max:0.0} ms, GC {run.GcCount} pauses {run.GcPauseMs:0} ms in all, lost {run.Lost}/{run.Expected}, duplicated {run.Duplicates}"));
        return run;
    }

    private static void Report(List<StreamRun> runs, string left, string right)
    {
        var baseline = runs.Where(r => r.Target == left).ToList();
        var jobStream = runs.Where(r => r.Target == right).ToList();
        Console.WriteLine($"| measure | {left} | {right} | {right} / {left} |");
        Console.WriteLine("|---|---|---|---|");
        Row("delivered events/s", r => r.DeliveredPerSecond, "0");
        Row("server CPU per delivered event (µs)", r => r.CpuMicrosecondsPerEvent, "0.0");
        Row("latency p50 (ms)", r => r.P50, "0.0");
        Row("latency p99 (ms)", r => r.P99, "0.0");
        Row("latency max (ms)", r => r.Max, "0.0");
        Row("GC pause while latency was measured (ms, total)", r => r.GcPauseMs, "0");
        Row("connection set-up (streams/s)", r => r.SetupPerSecond, "0");
        Row("resident memory per idle stream (KiB)", r => r.BytesPerStream / 1024, "0.0");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| lost events (all rounds) | {baseline.Sum(r => r.Lost)} of {baseline.Sum(r => r.Expected)} | {jobStream.Sum(r => r.Lost)} of {jobStream.Sum(r => r.Expected)} | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| duplicated events (all rounds) | {baseline.Sum(r => r.Duplicates)} | {jobStream.Sum(r => r.Duplicates)} | |"));

        void Row(string measure, Func<StreamRun, double> pick, string format)
        {
            var b = Median(baseline, pick);
            var j = Median(jobStream, pick);
            var ratio = b > 0 ? (j / b).ToString("0.00", CultureInfo.InvariantCulture) : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {measure} | {b.ToString(format, CultureInfo.InvariantCulture)} | {j.ToString(format, CultureInfo.InvariantCulture)} | {ratio} |"));
        }
    }

    private static double Median(List<StreamRun> runs, Func<StreamRun, double> pick) =>
        runs.Count == 0 ? double.NaN : runs.Select(pick).Order().ElementAt(runs.Count / 2);
}

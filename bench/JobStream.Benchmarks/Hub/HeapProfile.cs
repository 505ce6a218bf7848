using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// Where the memory of an idle stream goes: the server's live objects (reachable from its roots, from a
/// dump walked with ClrMD) before and after opening idle streams, by type, per stream, for the baseline
/// and for JobStream: /events streams, then connection streams (JobStream's authenticated
/// /api/v1/stream). This is the profile behind the resident-memory figures of the hub benchmark. With
/// <c>--why=TYPE</c> it also shows what keeps one of JobStream's new objects of that type alive: the chain
/// of references from a root.
/// </summary>
internal static class HeapProfile
{
    private static string? _why;

    public static async Task RunAsync(string repository, bool quick, string? why = null)
    {
        _why = why;
        var streams = quick ? 500 : 2_000;
        foreach (var (kind, path) in new (string, Func<HubTarget, string>)[] { ("/events", t => t.FanOutPath), ("connection (/api/v1/stream)", t => t.ConnectionPath) })
        {
            await ProfileKindAsync(repository, streams, kind, path);
        }
    }

    private static async Task ProfileKindAsync(string repository, int streams, string kind, Func<HubTarget, string> path)
    {
        Console.WriteLine();
        Console.WriteLine($"## Live objects per idle {kind} stream ({streams:N0} streams, heap walk of a dump)");
        var profiles = new List<(string Name, Dictionary<string, (double Count, double Bytes)> PerStream)>();
        var heaps = new List<(string Name, HeapShape PerStream)>();
        foreach (var start in new Func<Task<HubTarget>>[] { async () => await BaselineTarget.StartAsync(), async () => await JobStreamTarget.StartAsync(repository) })
        {
            await using var target = await start();
            var (perStream, shape) = await ProfileAsync(target, path(target), streams);
            // Every type, for comparing two runs (before and after a change) with diff or a spreadsheet.
            var table = Path.Combine(Path.GetTempPath(), $"jobstream-heap-{target.Name.ToLowerInvariant()}-{(kind.StartsWith('/') ? "events" : "connection")}.tsv");
            await File.WriteAllLinesAsync(table, perStream.OrderByDescending(t => t.Value.Bytes).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value.Bytes:0}\t{t.Value.Count:0.0}\t{t.Key}")));
            Console.WriteLine($"{target.Name}: every type per stream in {table}");
            profiles.Add((target.Name, perStream));
            heaps.Add((target.Name, shape));
        }

        Console.WriteLine("| | " + string.Join(" | ", profiles.Select(p => p.Name)) + " |");
        Console.WriteLine("|---|" + string.Join("", profiles.Select(_ => "---|")));
        Console.WriteLine("| live bytes per stream | " + string.Join(" | ", profiles.Select(p => p.PerStream.Values.Sum(v => v.Bytes).ToString("0", CultureInfo.InvariantCulture))) + " |");
        Console.WriteLine("| objects per stream | " + string.Join(" | ", profiles.Select(p => p.PerStream.Values.Sum(v => v.Count).ToString("0", CultureInfo.InvariantCulture))) + " |");
        // Where resident memory goes beyond the live objects: the garbage collector's committed memory by
        // kind of segment, the dead objects and free space in it, and what the rest of the process adds.
        foreach (var (label, value) in new (string, Func<HeapShape, double>)[]
        {
            ("GC committed bytes per stream", h => h.Committed.Values.Sum()),
            ("dead objects' bytes per stream (not yet collected)", h => h.Dead),
            ("free space in the heap per stream", h => h.Free),
            ("bytes allocated per stream while it opened", h => h.Allocated),
        })
        {
            Console.WriteLine($"| {label} | " + string.Join(" | ", heaps.Select(h => value(h.PerStream).ToString("0", CultureInfo.InvariantCulture))) + " |");
        }
        foreach (var segment in heaps.SelectMany(h => h.PerStream.Committed.Keys).Distinct().Order())
        {
            Console.WriteLine($"| GC committed per stream: {segment} | " + string.Join(" | ", heaps.Select(h => h.PerStream.Committed.GetValueOrDefault(segment).ToString("0", CultureInfo.InvariantCulture))) + " |");
        }
        // With a gen0 budget larger than the run allocates (DOTNET_GCgen0size=0x10000000), nothing is
        // collected while the streams open, and the dead objects are the garbage each stream's opening makes.
        foreach (var (name, shape) in heaps.Where(h => h.PerStream.Uncollected))
        {
            Console.WriteLine();
            Console.WriteLine($"{name}, garbage left by opening a stream (no collection ran meanwhile), largest first (bytes per stream):");
            foreach (var (type, bytes) in shape.DeadByType.Where(t => t.Value >= 20).OrderByDescending(t => t.Value).Take(50))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,6:0} {type}"));
            }
        }
        foreach (var (name, perStream) in profiles)
        {
            Console.WriteLine();
            Console.WriteLine($"{name}, by area (bytes per stream):");
            foreach (var (area, bytes) in perStream.GroupBy(t => Area(t.Key)).Select(g => (g.Key, g.Sum(t => t.Value.Bytes))).OrderByDescending(a => a.Item2).Take(12))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,7:0} {area}"));
            }
        }
        var jobStream = profiles[^1].PerStream;
        var baseline = profiles[0].PerStream;
        Console.WriteLine();
        Console.WriteLine("JobStream's objects the baseline does not have, largest first (bytes and objects per stream):");
        foreach (var (type, bytes, count) in jobStream
            .Select(t => (t.Key, t.Value.Bytes - baseline.GetValueOrDefault(t.Key).Bytes, t.Value.Count - baseline.GetValueOrDefault(t.Key).Count))
            .Where(t => t.Item2 >= 40).OrderByDescending(t => t.Item2).Take(40))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,6:0} {count,5:0.0} {type}"));
        }
    }

    private static async Task<(Dictionary<string, (double Count, double Bytes)> PerStream, HeapShape Shape)> ProfileAsync(HubTarget target, string path, int streams)
    {
        static void Ignore(SseClient client, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
        {
        }
        var warm = await SseClient.OpenManyAsync(target.Server.EndPoint, path, 200, Ignore);
        SseClient.CloseAll(warm);
        await target.Server.WaitForOpenStreamsAsync(0);
        var (before, shapeBefore) = LiveObjects(target.Server);
        var figuresBefore = await target.Server.RuntimeFiguresAsync("allocated_bytes", "gen0_collections");
        var clients = await SseClient.OpenManyAsync(target.Server.EndPoint, path, streams, Ignore);
        try
        {
            await target.Server.WaitForOpenStreamsAsync(streams);
            var opened = await target.Server.RuntimeFiguresAsync("allocated_bytes", "gen0_collections");
            var allocated = opened[0] - figuresBefore[0];
            var uncollected = opened[1] == figuresBefore[1];
            var (after, shapeAfter) = LiveObjects(target.Server);
            var perStream = after.ToDictionary(
                t => t.Key,
                t => ((t.Value.Count - before.GetValueOrDefault(t.Key).Count) / (double)streams, (t.Value.Bytes - before.GetValueOrDefault(t.Key).Bytes) / (double)streams));
            return (perStream, shapeAfter.Minus(shapeBefore).Per(streams) with { Allocated = allocated / (double)streams, Uncollected = uncollected });
        }
        finally
        {
            SseClient.CloseAll(clients);
        }
    }

    /// <summary>Count and bytes of the objects reachable from the process's roots, by type; and the heap's shape.</summary>
    private static (Dictionary<string, (long Count, long Bytes)> Live, HeapShape Shape) LiveObjects(ServerProcess server)
    {
        var file = Path.Combine(Path.GetTempPath(), $"jobstream-bench-{server.ProcessId}.dmp");
        try
        {
            new DiagnosticsClient(server.ProcessId).WriteDump(DumpType.WithHeap, file);
            using var dump = DataTarget.LoadDump(file);
            using var runtime = dump.ClrVersions[0].CreateRuntime();
            var heap = runtime.Heap;
            var live = new HashSet<ulong>();
            var pending = new Stack<ulong>();
            var parents = new Dictionary<ulong, ulong>(); // only with --why: who first referred to each object
            foreach (var root in heap.EnumerateRoots())
            {
                if (root.Object.Address != 0 && live.Add(root.Object.Address))
                {
                    pending.Push(root.Object.Address);
                }
            }
            while (pending.Count > 0)
            {
                var from = pending.Pop();
                foreach (var reference in heap.GetObject(from).EnumerateReferenceAddresses(carefully: true))
                {
                    if (reference != 0 && live.Add(reference))
                    {
                        pending.Push(reference);
                        if (_why is not null)
                        {
                            parents[reference] = from;
                        }
                    }
                }
            }
            if (_why is not null)
            {
                ShowWhy(heap, live, parents, _why);
            }
            double dead = 0, free = 0;
            var deadByType = new Dictionary<string, double>();
            foreach (var item in heap.EnumerateObjects(carefully: true))
            {
                if (item.IsFree)
                {
                    free += item.Size;
                }
                else if (!live.Contains(item.Address))
                {
                    dead += item.Size;
                    var name = item.Type?.Name ?? "?";
                    deadByType[name] = deadByType.GetValueOrDefault(name) + item.Size;
                    if (item.Type?.IsString == true)
                    {
                        // Strings by their text, digits blanked, so that one made per stream counts as one kind.
                        var text = "string \"" + DigitsBlanked(item.AsString(maxLength: 60) ?? "") + "\"";
                        deadByType[text] = deadByType.GetValueOrDefault(text) + item.Size;
                    }
                }
            }
            var committed = heap.Segments.GroupBy(s => s.Kind.ToString()).ToDictionary(g => g.Key, g => (double)g.Sum(s => (long)s.CommittedMemory.Length));
            var byType = new Dictionary<string, (long Count, long Bytes)>();
            foreach (var address in live)
            {
                var item = heap.GetObject(address);
                if (item.IsValid && item.Type?.Name is { } type)
                {
                    var (count, bytes) = byType.GetValueOrDefault(type);
                    byType[type] = (count + 1, bytes + (long)item.Size);
                }
            }
            return (byType, new HeapShape(committed, dead, free, deadByType));
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The objects whose type name holds the text, grouped by their chain of referrers up to a root: the
    // most common chains first, with how many objects each holds (per-stream objects show as thousands).
    private static void ShowWhy(ClrHeap heap, HashSet<ulong> live, Dictionary<ulong, ulong> parents, string type)
    {
        var chains = new Dictionary<string, int>();
        // The type of that name where there is one, else every type whose name holds the text.
        var exact = live.Where(a => heap.GetObject(a).Type?.Name == type).ToList();
        var matched = exact.Count > 0 ? exact : live.Where(a => heap.GetObject(a).Type?.Name?.Contains(type, StringComparison.Ordinal) == true).ToList();
        var holds = new Dictionary<string, int>(); // what those objects refer to, by type
        foreach (var address in matched)
        {
            foreach (var reference in heap.GetObject(address).EnumerateReferenceAddresses(carefully: true))
            {
                var name = heap.GetObject(reference).Type?.Name ?? "?";
                holds[name] = holds.GetValueOrDefault(name) + 1;
            }
            var chain = new List<string>();
            for (var current = address; chain.Count < 30;)
            {
                chain.Add(heap.GetObject(current).Type?.Name ?? "?");
                if (!parents.TryGetValue(current, out current))
                {
                    break;
                }
            }
            var key = string.Join("\n      <- ", chain);
            chains[key] = chains.GetValueOrDefault(key) + 1;
        }
        foreach (var (chain, count) in chains.OrderByDescending(c => c.Value).Take(4))
        {
            Console.WriteLine($"why {type}: {count} held by\n      {chain}");
        }
        Console.WriteLine($"{type} refers to: " + string.Join("; ", holds.OrderByDescending(h => h.Value).Take(30).Select(h => $"{h.Key} ({h.Value})")));
    }

    private static string DigitsBlanked(string text) => string.Concat(text.Select(c => char.IsAsciiDigit(c) ? '#' : c));

    // "Microsoft.AspNetCore.Mvc" from "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker", and so on.
    private static string Area(string type)
    {
        var parts = type.Split('<', '+', '[')[0].Split('.');
        return string.Join('.', parts.Take(Math.Min(3, parts.Length - 1)));
    }

    /// <summary>
    /// The garbage-collected heap: committed by segment kind, dead and free bytes. Not the resident memory:
    /// writing the dump reads the whole process, which makes pages resident that were not.
    /// </summary>
    private sealed record HeapShape(Dictionary<string, double> Committed, double Dead, double Free, Dictionary<string, double> DeadByType)
    {
        /// <summary>What the server allocated while the streams opened, from its /status (set apart from the dump).</summary>
        public double Allocated { get; init; }

        public HeapShape Minus(HeapShape other) => new(
            Committed.Keys.Union(other.Committed.Keys).ToDictionary(k => k, k => Committed.GetValueOrDefault(k) - other.Committed.GetValueOrDefault(k)),
            Dead - other.Dead,
            Free - other.Free,
            DeadByType.Keys.Union(other.DeadByType.Keys).ToDictionary(k => k, k => DeadByType.GetValueOrDefault(k) - other.DeadByType.GetValueOrDefault(k)));

        public HeapShape Per(int streams) => new(Committed.ToDictionary(p => p.Key, p => p.Value / streams), Dead / streams, Free / streams, DeadByType.ToDictionary(p => p.Key, p => p.Value / streams));

        /// <summary>Whether no collection ran while the streams opened: then the dead objects are all that opening them left behind.</summary>
        public bool Uncollected { get; init; }
    }
}

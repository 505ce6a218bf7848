using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace JobStream.Benchmarks.Hub;

/// <summary>
/// Where the memory of an idle stream goes: the server's live objects (reachable from its roots, from a
/// dump walked with ClrMD) before and after opening idle streams, by type, per stream, for the baseline
/// and for JobStream: /events streams, then connection streams (JobStream's authenticated
/// /api/v1/stream). This is the profile behind the resident-memory figures of the hub benchmark.
/// </summary>
internal static class HeapProfile
{
    public static async Task RunAsync(string repository, bool quick)
    {
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
        foreach (var start in new Func<Task<HubTarget>>[] { async () => await BaselineTarget.StartAsync(), async () => await JobStreamTarget.StartAsync(repository) })
        {
            await using var target = await start();
            profiles.Add((target.Name, await ProfileAsync(target, path(target), streams)));
        }

        Console.WriteLine("| | " + string.Join(" | ", profiles.Select(p => p.Name)) + " |");
        Console.WriteLine("|---|" + string.Join("", profiles.Select(_ => "---|")));
        Console.WriteLine("| live bytes per stream | " + string.Join(" | ", profiles.Select(p => p.PerStream.Values.Sum(v => v.Bytes).ToString("0", CultureInfo.InvariantCulture))) + " |");
        Console.WriteLine("| objects per stream | " + string.Join(" | ", profiles.Select(p => p.PerStream.Values.Sum(v => v.Count).ToString("0", CultureInfo.InvariantCulture))) + " |");
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
        Console.WriteLine("JobStream's objects the baseline does not have, largest first (bytes per stream):");
        foreach (var (type, bytes) in jobStream.Select(t => (t.Key, t.Value.Bytes - baseline.GetValueOrDefault(t.Key).Bytes)).Where(t => t.Item2 >= 40).OrderByDescending(t => t.Item2).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes,6:0} {type}"));
        }
    }

    private static async Task<Dictionary<string, (double Count, double Bytes)>> ProfileAsync(HubTarget target, string path, int streams)
    {
        static void Ignore(SseClient client, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
        {
        }
        var warm = await SseClient.OpenManyAsync(target.Server.EndPoint, path, 200, Ignore);
        SseClient.CloseAll(warm);
        await target.Server.WaitForOpenStreamsAsync(0);
        var before = LiveObjects(target.Server);
        var clients = await SseClient.OpenManyAsync(target.Server.EndPoint, path, streams, Ignore);
        try
        {
            await target.Server.WaitForOpenStreamsAsync(streams);
            var after = LiveObjects(target.Server);
            return after.ToDictionary(
                t => t.Key,
                t => ((t.Value.Count - before.GetValueOrDefault(t.Key).Count) / (double)streams, (t.Value.Bytes - before.GetValueOrDefault(t.Key).Bytes) / (double)streams));
        }
        finally
        {
            SseClient.CloseAll(clients);
        }
    }

    /// <summary>Count and bytes of the objects reachable from the process's roots, by type.</summary>
    private static Dictionary<string, (long Count, long Bytes)> LiveObjects(ServerProcess server)
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
            foreach (var root in heap.EnumerateRoots())
            {
                if (root.Object.Address != 0 && live.Add(root.Object.Address))
                {
                    pending.Push(root.Object.Address);
                }
            }
            while (pending.Count > 0)
            {
                foreach (var reference in heap.GetObject(pending.Pop()).EnumerateReferenceAddresses(carefully: true))
                {
                    if (reference != 0 && live.Add(reference))
                    {
                        pending.Push(reference);
                    }
                }
            }
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
            return byType;
        }
        finally
        {
            File.Delete(file);
        }
    }

    // "Microsoft.AspNetCore.Mvc" from "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker", and so on.
    private static string Area(string type)
    {
        var parts = type.Split('<', '+', '[')[0].Split('.');
        return string.Join('.', parts.Take(Math.Min(3, parts.Length - 1)));
    }
}

namespace JobStream.Application.Status;

/// <summary>
/// The .NET runtime's own counters: garbage collections are what an SSE hub's latency tail is made of
/// (docs/benchmarks.md), so an operator can see them without attaching a profiler. The bytes allocated
/// since start, the memory the collector has committed and its free space as of the last collection say
/// what memory per stream is made of. The time spent compiling (JIT) says how much of a fresh instance's CPU is
/// still going into compiling its hot paths rather than running them.
/// </summary>
public sealed record RuntimeStatus(
    double GcPauseMs, int Gen0Collections, int Gen1Collections, int Gen2Collections, long HeapBytes,
    long AllocatedBytes, long CommittedBytes, long FragmentedBytes, long WorkingSetBytes, int ThreadPoolThreads, long ThreadPoolQueue,
    double JitCompilationMs, long JitCompiledMethods)
{
    public static RuntimeStatus Now()
    {
        var gc = GC.GetGCMemoryInfo();
        return new(
            Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalMemory(forceFullCollection: false),
            GC.GetTotalAllocatedBytes(precise: false),
            gc.TotalCommittedBytes,
            gc.FragmentedBytes,
            Environment.WorkingSet,
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount,
            Math.Round(System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds, 1),
            System.Runtime.JitInfo.GetCompiledMethodCount());
    }
}

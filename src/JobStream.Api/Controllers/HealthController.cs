using System.Reflection;
using JobStream.Api.Sse;
using JobStream.Application.Scraping;
using JobStream.Application.Streaming;
using Microsoft.AspNetCore.Mvc;

namespace JobStream.Api.Controllers;

/// <summary>Liveness and server status.</summary>
[ApiController]
[Tags("Health")]
public sealed class HealthController(OpenStreams openStreams, IStreamManager streams, IBrowserStatusSource browser, TimeProvider clock) : ControllerBase
{
    private static readonly DateTimeOffset StartedAt = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime());

    private static readonly string Version =
        typeof(HealthController).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    /// <summary>Answers <c>{"status":"ok"}</c> while the process serves requests.</summary>
    [HttpGet("/health")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK, "application/json")]
    public HealthResponse Health() => new("ok");

    /// <summary>Uptime, version, how many streams are open, the stream backplane (memory, or Redis and whether it is reachable), the rendering browser and the runtime's garbage collections.</summary>
    [HttpGet("/status")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK, "application/json")]
    public StatusResponse Status() => new(
        Status: "ok",
        Version: Version,
        StartedAt: StartedAt,
        UptimeSeconds: Math.Round((clock.GetUtcNow() - StartedAt).TotalSeconds, 1),
        OpenStreams: openStreams.Count,
        Backplane: streams.Status,
        Browser: browser.Status,
        Runtime: RuntimeStatus.Now());

    public sealed record HealthResponse(string Status);

    public sealed record StatusResponse(string Status, string Version, DateTimeOffset StartedAt, double UptimeSeconds, long OpenStreams, StreamBackplaneStatus Backplane, BrowserStatus Browser, RuntimeStatus Runtime);

    /// <summary>
    /// The .NET runtime's own counters: garbage collections are what an SSE hub's latency tail is made of
    /// (docs/benchmarks.md), so an operator can see them without attaching a profiler.
    /// </summary>
    public sealed record RuntimeStatus(
        double GcPauseMs, int Gen0Collections, int Gen1Collections, int Gen2Collections, long HeapBytes,
        long WorkingSetBytes, int ThreadPoolThreads, long ThreadPoolQueue)
    {
        public static RuntimeStatus Now() => new(
            Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.WorkingSet,
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount);
    }
}

using System.Reflection;
using JobStream.Application.Scraping;
using JobStream.Application.Streaming;
using JobStream.Application.Telemetry;
using Mediator;

namespace JobStream.Application.Status.GetServerStatus;

/// <summary>What GET /status reports: version, uptime, open streams, the backplane, the browser, the runtime.</summary>
public sealed record GetServerStatusQuery : IRequest<ServerStatus>;

public sealed class GetServerStatusQueryHandler(OpenStreams openStreams, IStreamStatus streams, IBrowserStatusSource browser, JobStreamMetrics metrics, TimeProvider clock)
    : IRequestHandler<GetServerStatusQuery, ServerStatus>
{
    private static readonly DateTimeOffset StartedAt = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime());

    private static readonly string Version =
        (Assembly.GetEntryAssembly() ?? typeof(GetServerStatusQuery).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";

    public ValueTask<ServerStatus> Handle(GetServerStatusQuery request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ServerStatus(
            Status: "ok",
            Version: Version,
            StartedAt: StartedAt,
            UptimeSeconds: Math.Round((clock.GetUtcNow() - StartedAt).TotalSeconds, 1),
            OpenStreams: openStreams.Count,
            Backplane: streams.Status,
            Browser: browser.Status,
            Runtime: RuntimeStatus.Now(),
            Metrics: metrics.Snapshot()));
}

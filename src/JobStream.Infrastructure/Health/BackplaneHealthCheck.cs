using JobStream.Application.Streaming;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobStream.Infrastructure.Health;

/// <summary>Not ready while the stream backplane does not deliver (its probe has not come back through Redis).</summary>
public sealed class BackplaneHealthCheck(IStreamStatus streams) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = streams.Status;
        return Task.FromResult(status.Connected
            ? HealthCheckResult.Healthy($"{status.Kind} backplane delivering")
            : HealthCheckResult.Unhealthy($"{status.Kind} backplane not delivering"));
    }
}

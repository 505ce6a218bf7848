using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobStream.Api.Operations;

/// <summary>Not ready once the instance has begun to stop, so a load balancer sends nothing new to it.</summary>
public sealed class DrainingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("draining: the instance is stopping")
            : HealthCheckResult.Healthy("serving"));
}

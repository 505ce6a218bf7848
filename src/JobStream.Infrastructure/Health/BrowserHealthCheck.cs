using JobStream.Application.Scraping;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobStream.Infrastructure.Health;

/// <summary>Ready without a browser, but degraded: script-driven career pages would fail.</summary>
public sealed class BrowserHealthCheck(IBrowserStatusSource browser) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = browser.Status;
        return Task.FromResult(!status.Enabled || status.Available
            ? HealthCheckResult.Healthy(status.Detail)
            : HealthCheckResult.Degraded(status.Detail));
    }
}

using JobStream.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobStream.Infrastructure.Health;

/// <summary>Ready only while the job database answers: watches, their streams and search need it.</summary>
public sealed class JobsDatabaseHealthCheck(JobsDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateDbContext();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy(database.Description)
            : new HealthCheckResult(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy, $"{database.Description} does not answer");
    }
}

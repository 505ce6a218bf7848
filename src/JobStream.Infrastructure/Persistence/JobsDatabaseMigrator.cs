using JobStream.Application.Watches;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// Brings the job database's schema up to date before any service starts (so the scheduler never finds
/// it missing), when <see cref="WatchesOptions.MigrateOnStart"/>; EF Core's migration lock keeps instances
/// that start together from applying a migration twice. A database that cannot be reached stops the start.
/// </summary>
public sealed partial class JobsDatabaseMigrator(JobsDatabase database, IOptions<WatchesOptions> options, ILogger<JobsDatabaseMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateOnStart)
        {
            LogNotMigrating(database.Description);
            return;
        }
        await database.MigrateAsync(cancellationToken);
        LogMigrated(database.Description);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job database: {Database}, schema up to date")]
    private partial void LogMigrated(string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job database: {Database}; migrations are not applied at start (Watches:MigrateOnStart is false)")]
    private partial void LogNotMigrating(string database);
}

using Microsoft.EntityFrameworkCore.Design;

namespace JobStream.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef</c>: see <see cref="SqliteJobsDbContextFactory"/>.</summary>
public sealed class PostgresJobsDbContextFactory : IDesignTimeDbContextFactory<PostgresJobsDbContext>
{
    public PostgresJobsDbContext CreateDbContext(string[] args) =>
        (PostgresJobsDbContext)new JobsDatabase(JobsProvider.Postgres, Environment.GetEnvironmentVariable("ConnectionStrings__Jobs") ?? "Host=localhost;Database=jobstream").CreateDbContext();
}

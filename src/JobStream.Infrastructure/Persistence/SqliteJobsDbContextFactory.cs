using Microsoft.EntityFrameworkCore.Design;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// For <c>dotnet ef</c> (migrations add, database update): the database from <c>ConnectionStrings__Jobs</c>
/// when set, else a placeholder that is only read, never connected to, while adding a migration.
/// </summary>
public sealed class SqliteJobsDbContextFactory : IDesignTimeDbContextFactory<SqliteJobsDbContext>
{
    public SqliteJobsDbContext CreateDbContext(string[] args) =>
        (SqliteJobsDbContext)new JobsDatabase(JobsProvider.Sqlite, Environment.GetEnvironmentVariable("ConnectionStrings__Jobs") ?? "Data Source=design-time.db").CreateDbContext();
}

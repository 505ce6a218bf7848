using JobStream.Infrastructure.Persistence;

namespace JobStream.TestServers;

/// <summary>
/// A new, empty job database for one test, of either provider the service supports: a SQLite file in a
/// temporary folder, or a database of its own on the test run's PostgreSQL server. Not migrated: the
/// service under test (or the test) does that, as it would in a deployment.
/// </summary>
public sealed class TestJobDatabase : IAsyncDisposable
{
    /// <summary>Both providers; the job database's behaviour tests run on each.</summary>
    public static readonly string[] Providers = ["sqlite", "postgres"];

    private readonly string? _folder;

    private TestJobDatabase(JobsProvider provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        Database = new JobsDatabase(provider, connectionString);
    }

    public JobsProvider Provider { get; }

    /// <summary>What <c>ConnectionStrings:Jobs</c> is set to for a service on this database.</summary>
    public string ConnectionString { get; }

    public JobsDatabase Database { get; }

    public static async Task<TestJobDatabase> CreateAsync(string provider)
    {
        if (provider == "postgres")
        {
            var server = await PostgresServer.SharedAsync();
            return new TestJobDatabase(JobsProvider.Postgres, await server.CreateDatabaseAsync(), null);
        }
        var folder = Directory.CreateTempSubdirectory("jobstream-db-").FullName;
        return new TestJobDatabase(JobsProvider.Sqlite, $"Data Source={Path.Combine(folder, "jobs.db")}", folder);
    }

    /// <summary>Created and migrated, for tests of the store itself.</summary>
    public static async Task<TestJobDatabase> MigratedAsync(string provider)
    {
        var database = await CreateAsync(provider);
        await database.Database.MigrateAsync(CancellationToken.None);
        return database;
    }

    public ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        return ValueTask.CompletedTask;
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// Which job database this instance uses, and its contexts. PostgreSQL when <c>ConnectionStrings:Jobs</c>
/// holds a PostgreSQL connection string (<c>Host=…</c>) or <c>DATABASE_URL</c> a <c>postgres://</c> URL;
/// otherwise a SQLite file: the one <c>ConnectionStrings:Jobs</c> names (<c>Data Source=…</c>), or by
/// default <c>jobs.db</c> in the user's local data folder, so the service needs no database server.
/// </summary>
public sealed class JobsDatabase
{
    public const string ConnectionStringName = "Jobs";

    private readonly DbContextOptions<SqliteJobsDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresJobsDbContext>? _postgres;

    public JobsDatabase(JobsProvider provider, string connectionString)
    {
        Provider = provider;
        if (provider == JobsProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.DataSource is { Length: > 0 } file && !file.StartsWith(':') && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
            Description = $"SQLite file {builder.DataSource}";
            ConnectionString = builder.ConnectionString;
            _sqlite = new DbContextOptionsBuilder<SqliteJobsDbContext>().UseSqlite(builder.ConnectionString).UseSnakeCaseNamingConvention().Options;
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            Description = $"PostgreSQL database {builder.Database} at {builder.Host}:{builder.Port}";
            ConnectionString = builder.ConnectionString;
            _postgres = new DbContextOptionsBuilder<PostgresJobsDbContext>().UseNpgsql(builder.ConnectionString).UseSnakeCaseNamingConvention().Options;
        }
    }

    public JobsProvider Provider { get; }

    /// <summary>Where the database is, without its password, for logs.</summary>
    public string Description { get; }

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL channel a write to the change feed notifies, so every instance reads it at once.</summary>
    public const string FeedChannel = "jobstream_watch_events";

    public JobsDbContext CreateDbContext() =>
        Provider == JobsProvider.Sqlite ? new SqliteJobsDbContext(_sqlite!) : new PostgresJobsDbContext(_postgres!);

    public static JobsDatabase FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured)
        {
            return new JobsDatabase(ProviderOf(configured), configured);
        }
        if (configuration["DATABASE_URL"] is { Length: > 0 } url)
        {
            return new JobsDatabase(JobsProvider.Postgres, FromUrl(url));
        }
        var file = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "jobstream", "jobs.db");
        return new JobsDatabase(JobsProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString);
    }

    /// <summary>A SQLite connection string names a file (<c>Data Source</c>, <c>Filename</c>); a PostgreSQL one a host.</summary>
    public static JobsProvider ProviderOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (builder.ContainsKey("Host") || builder.ContainsKey("Server"))
        {
            return JobsProvider.Postgres;
        }
        return builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename")
            ? JobsProvider.Sqlite
            : throw new ArgumentException($"ConnectionStrings:{ConnectionStringName} names neither a PostgreSQL host (Host=…) nor a SQLite file (Data Source=…).", nameof(connectionString));
    }

    /// <summary>A <c>postgres://user:password@host:port/database?sslmode=require</c> URL as an Npgsql connection string.</summary>
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException("DATABASE_URL must be a postgres:// or postgresql:// URL.", nameof(url));
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user);
            if (uri.UserInfo.Split(':', 2) is [_, var password])
            {
                builder.Password = Uri.UnescapeDataString(password);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, v) : (pair, "");
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<SslMode>(Uri.UnescapeDataString(value), ignoreCase: true, out var mode))
            {
                builder.SslMode = mode;
            }
        }
        return builder.ConnectionString;
    }

    /// <summary>Brings the schema up to date (each provider's own migrations); SQLite is also put in WAL mode, so readers never wait for a run's write.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == JobsProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

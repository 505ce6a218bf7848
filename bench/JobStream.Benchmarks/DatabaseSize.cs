using System.Globalization;
using JobStream.Infrastructure.Persistence;
using JobStream.TestServers;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JobStream.Benchmarks;

/// <summary>What a job database holds on disk: the SQLite file (its log written back first), or PostgreSQL's tables with their indexes and TOAST.</summary>
internal static class DatabaseSize
{
    public static async Task<long> BytesAsync(TestJobDatabase database)
    {
        if (database.Provider == JobsProvider.Postgres)
        {
            return await ScalarAsync(database, "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'");
        }
        await ScalarAsync(database, "PRAGMA wal_checkpoint(TRUNCATE)");
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }

    public static Task<long> RowsAsync(TestJobDatabase database, string table) => ScalarAsync(database, $"SELECT count(*) FROM {table}");

    private static async Task<long> ScalarAsync(TestJobDatabase database, string sql)
    {
        if (database.Provider == JobsProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        await using var sqlite = new SqliteConnection(database.ConnectionString);
        await sqlite.OpenAsync();
        await using var query = sqlite.CreateCommand();
        query.CommandText = sql;
        return Convert.ToInt64(await query.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;
using System.Globalization;
using JobStream.Application.Watches;
using JobStream.Domain.Jobs;
using JobStream.Infrastructure.Persistence;
using JobStream.TestServers;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace JobStream.Benchmarks;

/// <summary>
/// Searching stored jobs at scale (docs/benchmarks.md, "Search over stored jobs"): one user's 100,000 and
/// 1,000,000 jobs, on SQLite and on PostgreSQL, written straight into the migrated schema (FTS triggers and
/// the generated tsvector do their work as on any insert), then each query of the search endpoint's kinds
/// through the service's own <see cref="StoredJobSearch"/>. The figure to read is the ratio of 1,000,000 to
/// 100,000: near 1 where an index answers, near 10 where rows are scanned.
/// </summary>
internal static class JobSearchAtScale
{
    // Runs of each query: its p99 is the second slowest.
    private const int Runs = 100;

    private static readonly string[] Levels = ["Junior", "Senior", "Staff", "Lead", "Principal", ""];
    private static readonly string[] Fields = ["Data", "Backend", "Frontend", "Platform", "Security", "Mobile", "Machine Learning", "Payments", "Growth", "Infrastructure"];
    private static readonly string[] Roles = ["Engineer", "Developer", "Analyst", "Designer", "Manager", "Scientist", "Architect", "Consultant"];
    private static readonly string[] Places = ["Berlin, Germany", "Paris, France", "Lisbon, Portugal", "Remote (EU)", "London, UK", "Amsterdam, Netherlands", "Madrid, Spain", "Warsaw, Poland"];
    private static readonly string[] SqliteParameters = ["$w", "$id", "$title", "$summary", "$location", "$type", "$seen", "$closed", "$data"];
    private static readonly string[] Words = ["pipelines", "kubernetes", "python", "golang", "react", "postgres", "payments", "observability", "compliance", "analytics", "streaming", "terraform"];

    public static async Task RunAsync(bool quick, string? only = null)
    {
        var sizes = quick ? new[] { 10_000, 100_000 } : [100_000, 1_000_000];
        Console.WriteLine();
        Console.WriteLine($"Search over stored jobs: one user's {string.Join(" and ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} jobs, p50 and p99 of {Runs} runs of each query (ms)");
        foreach (var provider in TestJobDatabase.Providers.Where(p => only is null || p == only))
        {
            var results = new List<Dictionary<string, (double P50, double P99)>>();
            foreach (var size in sizes)
            {
                await using var database = await TestJobDatabase.MigratedAsync(provider);
                var load = Stopwatch.StartNew();
                await FillAsync(database, size);
                var bytes = await DatabaseSize.BytesAsync(database);
                Console.WriteLine($"  {provider}: {size:N0} jobs written in {load.Elapsed.TotalSeconds:0.0} s; the database holds {bytes / 1048576.0:0} MiB = {bytes * 100_000.0 / size / 1048576.0:0} MiB per 100,000 jobs");
                results.Add(await MeasureAsync(new StoredJobSearch(database.Database)));
            }
            Console.WriteLine($"  {provider,-9} {"query (p50 / p99 ms)",-44} {sizes[0],15:N0} {sizes[1],15:N0}   ratio of p50");
            foreach (var query in results[0].Keys)
            {
                var (small, large) = (results[0][query], results[1][query]);
                Console.WriteLine($"  {"",-9} {query,-44} {$"{small.P50:0.0} / {small.P99:0.0}",15} {$"{large.P50:0.0} / {large.P99:0.0}",15}   {large.P50 / small.P50:0.00}");
            }
        }
        await SharedServers.StopAsync();
    }

    private static async Task<Dictionary<string, (double P50, double P99)>> MeasureAsync(StoredJobSearch search)
    {
        var queries = new (string Name, JobSearch Search)[]
        {
            ("q=engineer (common word)", new JobSearch { Owner = "bench", Text = "engineer" }),
            ("q=data eng (two words, prefix)", new JobSearch { Owner = "bench", Text = "data eng" }),
            ("q=terraform compliance (rarer pair)", new JobSearch { Owner = "bench", Text = "terraform compliance" }),
            ("q=principal security scientist golang (rare)", new JobSearch { Owner = "bench", Text = "principal security scientist golang" }),
            ("newest open jobs, page 1", new JobSearch { Owner = "bench" }),
            ("location_type=remote, sort first_seen", new JobSearch { Owner = "bench", LocationType = LocationType.Remote, Sort = JobSort.FirstSeen }),
            ("location=lisbon (within the field)", new JobSearch { Owner = "bench", Location = "lisbon" }),
            ("newest open jobs, page 50", new JobSearch { Owner = "bench", Page = 50 }),
            ("newest jobs open or closed (open=all)", new JobSearch { Owner = "bench", Open = null }),
        };
        var percentiles = new Dictionary<string, (double P50, double P99)>();
        foreach (var (name, query) in queries)
        {
            await search.SearchAsync(query, CancellationToken.None); // warm
            var times = new List<double>();
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await search.SearchAsync(query, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            percentiles[name] = (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.99) - 1]);
        }
        return percentiles;
    }

    private static async Task FillAsync(TestJobDatabase database, int size)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var watches = Enumerable.Range(0, Math.Max(1, size / 10_000)).Select(i => $"w_bench{i:D5}").ToList();
        await using (var db = database.Database.CreateDbContext())
        {
            db.Watches.AddRange(watches.Select(id => new WatchRow
            {
                Id = id, Owner = "bench", Domains = "[]", Filters = "{}", EverySeconds = 3600, CreatedAt = start, NextRunAt = start.AddYears(10),
            }));
            await db.SaveChangesAsync();
        }
        IEnumerable<(string Watch, string Title, string Summary, string Location, string Type, DateTimeOffset Seen, DateTimeOffset? Closed)> Rows()
        {
            var random = new Random(42);
            for (var i = 0; i < size; i++)
            {
                var title = $"{Levels[random.Next(Levels.Length)]} {Fields[random.Next(Fields.Length)]} {Roles[random.Next(Roles.Length)]}".Trim();
                var summary = $"{Words[random.Next(Words.Length)]} and {Words[random.Next(Words.Length)]} at company {i % 5_000}";
                var place = Places[random.Next(Places.Length)];
                var type = place.StartsWith("Remote", StringComparison.Ordinal) ? "remote" : random.Next(3) == 0 ? "hybrid" : "onsite";
                var seen = start.AddMinutes(i);
                yield return (watches[i % watches.Count], title, summary, place, type, seen, random.Next(10) == 0 ? seen.AddDays(3) : null);
            }
        }
        if (database.Provider == JobsProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY jobs (watch_id, owner, domain, identity, company, title, summary, location, location_type, department, seniority, employment_type, posted_at, sort_at, content_hash, first_seen, last_seen, closed_at, missed_runs, data) FROM STDIN (FORMAT BINARY)"))
            {
                var n = 0;
                foreach (var row in Rows())
                {
                    await copy.StartRowAsync();
                    foreach (var text in new[] { row.Watch, "bench", "acme.example", $"https://acme.example/jobs/{n++}", "Acme", row.Title, row.Summary, row.Location, row.Type, "Engineering", "senior", "full_time" })
                    {
                        await copy.WriteAsync(text, NpgsqlDbType.Text);
                    }
                    await copy.WriteNullAsync();
                    await copy.WriteAsync(row.Seen, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("0", NpgsqlDbType.Text);
                    await copy.WriteAsync(row.Seen, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(row.Seen, NpgsqlDbType.TimestampTz);
                    if (row.Closed is { } closed)
                    {
                        await copy.WriteAsync(closed, NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                    await copy.WriteAsync(0, NpgsqlDbType.Integer);
                    await copy.WriteAsync(Data(row.Title, n), NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("ANALYZE jobs", connection);
            await analyze.ExecuteNonQueryAsync();
            return;
        }
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO jobs (watch_id, owner, domain, identity, company, title, summary, location, location_type, department, seniority, employment_type, posted_at, sort_at, content_hash, first_seen, last_seen, closed_at, missed_runs, data)
                VALUES ($w, 'bench', 'acme.example', $id, 'Acme', $title, $summary, $location, $type, 'Engineering', 'senior', 'full_time', NULL, $seen, '0', $seen, $seen, $closed, 0, $data)
                """;
            var parameters = SqliteParameters.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            var n = 0;
            foreach (var row in Rows())
            {
                parameters[0].Value = row.Watch;
                parameters[1].Value = $"https://acme.example/jobs/{n++}";
                parameters[2].Value = row.Title;
                parameters[3].Value = row.Summary;
                parameters[4].Value = row.Location;
                parameters[5].Value = row.Type;
                parameters[6].Value = row.Seen.UtcTicks;
                parameters[7].Value = row.Closed is { } closed ? closed.UtcTicks : DBNull.Value;
                parameters[8].Value = Data(row.Title, n);
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }
    }

    private static string Data(string title, int n) =>
        $$"""{"company":"Acme","title":"{{title}}","url":"https://acme.example/jobs/{{n}}"}""";
}

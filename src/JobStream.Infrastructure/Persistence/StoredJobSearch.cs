using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using JobStream.Application.Watches;
using Microsoft.EntityFrameworkCore;

namespace JobStream.Infrastructure.Persistence;

// ToLower() here is SQL's lower(), not .NET's: the culture rules do not apply to what the database runs.
#pragma warning disable CA1304, CA1311, CA1862

/// <summary>
/// Searches stored jobs. Full text goes through each database's own index: PostgreSQL's tsvector (GIN) and
/// SQLite's FTS5 table. Every word of the query must match a word of the title or summary, as a prefix.
/// </summary>
public sealed partial class StoredJobSearch(JobsDatabase database) : IJobSearch
{
    // How many of the newest jobs a PostgreSQL full-text search checks one by one, at most, before it asks
    // the index: the check stops once the page is full, so this bounds only what a rare query costs more.
    private readonly int _newestFirst = 5_000;

    /// <param name="newestFirst">For tests: how many of the newest jobs are checked before the index is asked.</param>
    internal StoredJobSearch(JobsDatabase database, int newestFirst)
        : this(database)
    {
        _newestFirst = newestFirst;
    }

    public async Task<JobSearchPage> SearchAsync(JobSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        await using var db = database.CreateDbContext();
        var jobs = db.Jobs.AsNoTracking().Where(j => j.Owner == search.Owner);
        var words = Words().Matches(search.Text ?? "").Select(m => m.Value.ToLowerInvariant()).Take(16).ToList();
        if (search.WatchId is { } watchId)
        {
            jobs = jobs.Where(j => j.WatchId == watchId);
        }
        if (Blank(search.Company) is { } company)
        {
            jobs = jobs.Where(j => j.Company.ToLower().Contains(company));
        }
        if (Blank(search.Location) is { } location)
        {
            jobs = jobs.Where(j => j.Location.ToLower().Contains(location));
        }
        if (search.LocationType is { } type)
        {
            var text = type.ToString().ToLowerInvariant();
            jobs = jobs.Where(j => j.LocationType == text);
        }
        if (Blank(search.Seniority) is { } seniority)
        {
            jobs = jobs.Where(j => j.Seniority.ToLower() == seniority);
        }
        if (Blank(search.Department) is { } department)
        {
            jobs = jobs.Where(j => j.Department.ToLower() == department);
        }
        if (search.PostedSince is { } since)
        {
            var utc = since.ToUniversalTime();
            jobs = jobs.Where(j => j.SortAt >= utc);
        }
        jobs = search.Open switch
        {
            true => jobs.Where(j => j.ClosedAt == null),
            false => jobs.Where(j => j.ClosedAt != null),
            null => jobs,
        };
        IQueryable<JobRow> Ordered(IQueryable<JobRow> rows) => search.Sort == JobSort.FirstSeen
            ? rows.OrderByDescending(j => j.FirstSeen).ThenByDescending(j => j.Id)
            : rows.OrderByDescending(j => j.SortAt).ThenByDescending(j => j.Id);
        async Task<List<JobRow>> ReadAsync(IQueryable<JobRow> rows) =>
            await Ordered(rows).Skip((search.Page - 1) * search.PageSize).Take(search.PageSize + 1).ToListAsync(cancellationToken);
        JobSearchPage PageOf(List<JobRow> read) =>
            new(read.Take(search.PageSize).Select(r => r.ToStored()).ToList(), search.Page, search.PageSize, read.Count > search.PageSize);

        if (words.Count == 0)
        {
            return PageOf(await ReadAsync(jobs));
        }
        if (database.Provider == JobsProvider.Sqlite)
        {
            var match = string.Join(' ', words.Select(w => $"\"{w}\"*"));
            return PageOf(await ReadAsync(jobs.Where(j => db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM jobs_fts WHERE jobs_fts MATCH {match}").Contains(j.Id))));
        }
        var query = string.Join(" & ", words.Select(w => w + ":*"));
        Expression<Func<JobRow, bool>> matches = j => j.SearchVector!.Matches(EF.Functions.ToTsQuery(PostgresJobsDbContext.TextSearchConfig, query));
        // Where matches are common, the page is among the newest jobs: those are read in listing order from
        // its index and each checked against the query until the page is full, which costs a few
        // milliseconds, where the GIN index would first join the posting lists of every job each word starts
        // (~150 ms at 1,000,000 jobs, docs/benchmarks.md). The LIMIT inside keeps PostgreSQL from planning it
        // the other way round. Should the newest hold too few matches for the page, the index answers.
        if (search.Page * search.PageSize < _newestFirst
            && await ReadAsync(Ordered(jobs).Take(_newestFirst).Where(matches)) is { } newest
            && newest.Count > search.PageSize)
        {
            return PageOf(newest);
        }
        return PageOf(await ReadAsync(jobs.Where(matches)));
    }

    public async IAsyncEnumerable<StoredJob> JobsOfAsync(string watchId, bool openOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = database.CreateDbContext();
        var jobs = db.Jobs.AsNoTracking().Where(j => j.WatchId == watchId);
        if (openOnly)
        {
            jobs = jobs.Where(j => j.ClosedAt == null);
        }
        await foreach (var row in jobs.OrderByDescending(j => j.FirstSeen).ThenByDescending(j => j.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row.ToStored();
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();

    // Words as both indexes split them: letters and digits. Anything else (quotes, operators) is dropped, so a
    // query can never be read as the index's own query syntax.
    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Words();
}

using Microsoft.EntityFrameworkCore;

namespace JobStream.Infrastructure.Persistence;

/// <summary>The job database on PostgreSQL: full-text search through a generated tsvector with a GIN index.</summary>
public sealed class PostgresJobsDbContext(DbContextOptions<PostgresJobsDbContext> options) : JobsDbContext(options)
{
    /// <summary>The text search configuration: words as written, no stemming, the same matching as SQLite's FTS5.</summary>
    public const string TextSearchConfig = "simple";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<JobRow>(job =>
        {
            job.HasGeneratedTsVectorColumn(j => j.SearchVector!, TextSearchConfig, j => new { j.Title, j.Summary })
                .HasIndex(j => j.SearchVector)
                .HasMethod("GIN");
        });
    }
}

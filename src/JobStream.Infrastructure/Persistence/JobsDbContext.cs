using Microsoft.EntityFrameworkCore;

namespace JobStream.Infrastructure.Persistence;

/// <summary>
/// The job database: watches, the jobs they remember, and their change events. One model for both
/// providers; each has its own context type (<see cref="SqliteJobsDbContext"/>, <see cref="PostgresJobsDbContext"/>)
/// so each has its own migrations, with its own full-text index.
/// </summary>
public abstract class JobsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<WatchRow> Watches => Set<WatchRow>();

    public DbSet<JobRow> Jobs => Set<JobRow>();

    public DbSet<FeedRow> WatchEvents => Set<FeedRow>();

    public DbSet<SourceRow> DomainSources => Set<SourceRow>();

    public DbSet<DeliveryRow> WebhookDeliveries => Set<DeliveryRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<WatchRow>(watch =>
        {
            watch.ToTable("watches");
            watch.HasKey(w => w.Id);
            watch.Property(w => w.Id).HasMaxLength(64);
            watch.Property(w => w.Owner).HasMaxLength(256);
            watch.HasIndex(w => w.Owner);
            watch.HasIndex(w => w.NextRunAt);
        });
        modelBuilder.Entity<JobRow>(job =>
        {
            job.ToTable("jobs");
            job.HasKey(j => j.Id);
            job.HasIndex(j => new { j.WatchId, j.Identity }).IsUnique();
            job.HasIndex(j => new { j.WatchId, j.ClosedAt });
            // Search lists a user's open jobs newest first: (owner, closed_at, …) answers that in index order,
            // where SQLite would otherwise skip-scan (watch_id, closed_at) and sort every open job.
            job.HasIndex(j => new { j.Owner, j.ClosedAt, j.SortAt });
            job.HasIndex(j => new { j.Owner, j.ClosedAt, j.FirstSeen });
            job.HasIndex(j => new { j.Owner, j.SortAt });
            job.HasIndex(j => new { j.Owner, j.FirstSeen });
            job.HasOne<WatchRow>().WithMany().HasForeignKey(j => j.WatchId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FeedRow>(entry =>
        {
            entry.ToTable("watch_events");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Event).HasMaxLength(32);
            entry.HasIndex(e => new { e.WatchId, e.Id });
            entry.HasIndex(e => new { e.Owner, e.Id });
            entry.HasIndex(e => e.At);
            entry.HasOne<WatchRow>().WithMany().HasForeignKey(e => e.WatchId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeliveryRow>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Event).HasMaxLength(32);
            delivery.Property(d => d.Error).HasMaxLength(500);
            delivery.HasIndex(d => new { d.WatchId, d.Id });
            delivery.HasOne<WatchRow>().WithMany().HasForeignKey(d => d.WatchId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SourceRow>(source =>
        {
            source.ToTable("domain_sources");
            source.HasKey(s => new { s.WatchId, s.Domain });
            source.Property(s => s.ETag).HasColumnName("etag");
            source.Property(s => s.SitemapScope).HasMaxLength(2048);
            source.Property(s => s.SitemapDigest).HasMaxLength(64);
            source.HasOne<WatchRow>().WithMany().HasForeignKey(s => s.WatchId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

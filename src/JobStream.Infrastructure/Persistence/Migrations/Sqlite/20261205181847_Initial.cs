using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "watches",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    domains = table.Column<string>(type: "TEXT", nullable: false),
                    every_seconds = table.Column<long>(type: "INTEGER", nullable: false),
                    filters = table.Column<string>(type: "TEXT", nullable: false),
                    paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_run_at = table.Column<long>(type: "INTEGER", nullable: false),
                    run_requested = table.Column<bool>(type: "INTEGER", nullable: false),
                    lease_token = table.Column<string>(type: "TEXT", nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true),
                    last_run = table.Column<string>(type: "TEXT", nullable: true),
                    webhook_url = table.Column<string>(type: "TEXT", nullable: true),
                    webhook_secret = table.Column<string>(type: "TEXT", nullable: true),
                    webhook_cursor = table.Column<long>(type: "INTEGER", nullable: false),
                    webhook_failures = table.Column<int>(type: "INTEGER", nullable: false),
                    webhook_retry_at = table.Column<long>(type: "INTEGER", nullable: true),
                    webhook_lease_token = table.Column<string>(type: "TEXT", nullable: true),
                    webhook_lease_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "domain_sources",
                columns: table => new
                {
                    watch_id = table.Column<string>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", nullable: false),
                    etag = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_domain_sources", x => new { x.watch_id, x.domain });
                    table.ForeignKey(
                        name: "fk_domain_sources_watches_watch_id",
                        column: x => x.watch_id,
                        principalTable: "watches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    watch_id = table.Column<string>(type: "TEXT", nullable: false),
                    owner = table.Column<string>(type: "TEXT", nullable: false),
                    domain = table.Column<string>(type: "TEXT", nullable: false),
                    identity = table.Column<string>(type: "TEXT", nullable: false),
                    company = table.Column<string>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    location = table.Column<string>(type: "TEXT", nullable: false),
                    location_type = table.Column<string>(type: "TEXT", nullable: false),
                    department = table.Column<string>(type: "TEXT", nullable: false),
                    seniority = table.Column<string>(type: "TEXT", nullable: false),
                    employment_type = table.Column<string>(type: "TEXT", nullable: false),
                    posted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    sort_at = table.Column<long>(type: "INTEGER", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", nullable: false),
                    first_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    missed_runs = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_jobs_watches_watch_id",
                        column: x => x.watch_id,
                        principalTable: "watches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "watch_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    watch_id = table.Column<string>(type: "TEXT", nullable: false),
                    owner = table.Column<string>(type: "TEXT", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 32, nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watch_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_watch_events_watches_watch_id",
                        column: x => x.watch_id,
                        principalTable: "watches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    watch_id = table.Column<string>(type: "TEXT", nullable: false),
                    event_id = table.Column<long>(type: "INTEGER", nullable: false),
                    @event = table.Column<string>(name: "event", type: "TEXT", maxLength: 32, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    delivered = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    retry_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_watches_watch_id",
                        column: x => x.watch_id,
                        principalTable: "watches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_owner_closed_at_first_seen",
                table: "jobs",
                columns: new[] { "owner", "closed_at", "first_seen" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_owner_closed_at_sort_at",
                table: "jobs",
                columns: new[] { "owner", "closed_at", "sort_at" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_owner_first_seen",
                table: "jobs",
                columns: new[] { "owner", "first_seen" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_owner_sort_at",
                table: "jobs",
                columns: new[] { "owner", "sort_at" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_watch_id_closed_at",
                table: "jobs",
                columns: new[] { "watch_id", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_watch_id_identity",
                table: "jobs",
                columns: new[] { "watch_id", "identity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_watch_events_at",
                table: "watch_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_watch_events_owner_id",
                table: "watch_events",
                columns: new[] { "owner", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_watch_events_watch_id_id",
                table: "watch_events",
                columns: new[] { "watch_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_watches_next_run_at",
                table: "watches",
                column: "next_run_at");

            migrationBuilder.CreateIndex(
                name: "ix_watches_owner",
                table: "watches",
                column: "owner");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_watch_id_id",
                table: "webhook_deliveries",
                columns: new[] { "watch_id", "id" });

            // Full-text search over titles and summaries (FTS5, an external-content table over jobs, kept
            // by triggers): written by hand, as EF Core has no model for it.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE jobs_fts USING fts5(title, summary, content='jobs', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN
                  INSERT INTO jobs_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN
                  INSERT INTO jobs_fts(jobs_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER jobs_fts_update AFTER UPDATE OF title, summary ON jobs BEGIN
                  INSERT INTO jobs_fts(jobs_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
                  INSERT INTO jobs_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS jobs_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS jobs_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS jobs_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS jobs_fts;");

            migrationBuilder.DropTable(
                name: "domain_sources");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "watch_events");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "watches");
        }
    }
}

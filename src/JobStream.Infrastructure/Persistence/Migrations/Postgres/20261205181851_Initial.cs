using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Postgres
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
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    domains = table.Column<string>(type: "text", nullable: false),
                    every_seconds = table.Column<long>(type: "bigint", nullable: false),
                    filters = table.Column<string>(type: "text", nullable: false),
                    paused = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_requested = table.Column<bool>(type: "boolean", nullable: false),
                    lease_token = table.Column<string>(type: "text", nullable: true),
                    lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_run = table.Column<string>(type: "text", nullable: true),
                    webhook_url = table.Column<string>(type: "text", nullable: true),
                    webhook_secret = table.Column<string>(type: "text", nullable: true),
                    webhook_cursor = table.Column<long>(type: "bigint", nullable: false),
                    webhook_failures = table.Column<int>(type: "integer", nullable: false),
                    webhook_retry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    webhook_lease_token = table.Column<string>(type: "text", nullable: true),
                    webhook_lease_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_watches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "domain_sources",
                columns: table => new
                {
                    watch_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    domain = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    etag = table.Column<string>(type: "text", nullable: true),
                    last_modified = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    watch_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    owner = table.Column<string>(type: "text", nullable: false),
                    domain = table.Column<string>(type: "text", nullable: false),
                    identity = table.Column<string>(type: "text", nullable: false),
                    company = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    location = table.Column<string>(type: "text", nullable: false),
                    location_type = table.Column<string>(type: "text", nullable: false),
                    department = table.Column<string>(type: "text", nullable: false),
                    seniority = table.Column<string>(type: "text", nullable: false),
                    employment_type = table.Column<string>(type: "text", nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sort_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    first_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    missed_runs = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true)
                        .Annotation("Npgsql:TsVectorConfig", "simple")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "title", "summary" })
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    watch_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    owner = table.Column<string>(type: "text", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    data = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    watch_id = table.Column<string>(type: "character varying(64)", nullable: false),
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    retry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "ix_jobs_search_vector",
                table: "jobs",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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

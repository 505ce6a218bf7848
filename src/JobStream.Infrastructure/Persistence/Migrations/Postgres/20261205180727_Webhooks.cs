using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Webhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "webhook_cursor",
                table: "watches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "webhook_failures",
                table: "watches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "webhook_lease_token",
                table: "watches",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "webhook_lease_until",
                table: "watches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "webhook_retry_at",
                table: "watches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "webhook_secret",
                table: "watches",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "webhook_url",
                table: "watches",
                type: "text",
                nullable: true);

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
                name: "ix_webhook_deliveries_watch_id_id",
                table: "webhook_deliveries",
                columns: new[] { "watch_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "webhook_cursor",
                table: "watches");

            migrationBuilder.DropColumn(
                name: "webhook_failures",
                table: "watches");

            migrationBuilder.DropColumn(
                name: "webhook_lease_token",
                table: "watches");

            migrationBuilder.DropColumn(
                name: "webhook_lease_until",
                table: "watches");

            migrationBuilder.DropColumn(
                name: "webhook_retry_at",
                table: "watches");

            migrationBuilder.DropColumn(
                name: "webhook_secret",
                table: "watches");

            migrationBuilder.DropColumn(
                name: "webhook_url",
                table: "watches");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "webhook_failures",
                table: "watches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "webhook_lease_token",
                table: "watches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "webhook_lease_until",
                table: "watches",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "webhook_retry_at",
                table: "watches",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "webhook_secret",
                table: "watches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "webhook_url",
                table: "watches",
                type: "TEXT",
                nullable: true);

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

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OpenJobIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_jobs_owner_closed_at_first_seen",
                table: "jobs",
                columns: new[] { "owner", "closed_at", "first_seen" });

            migrationBuilder.CreateIndex(
                name: "ix_jobs_owner_closed_at_sort_at",
                table: "jobs",
                columns: new[] { "owner", "closed_at", "sort_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_jobs_owner_closed_at_first_seen",
                table: "jobs");

            migrationBuilder.DropIndex(
                name: "ix_jobs_owner_closed_at_sort_at",
                table: "jobs");
        }
    }
}

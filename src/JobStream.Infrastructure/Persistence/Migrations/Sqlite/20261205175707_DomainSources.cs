using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DomainSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "domain_sources");
        }
    }
}

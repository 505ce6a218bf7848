using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobStream.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SitemapListings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sitemap_digest",
                table: "domain_sources",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sitemap_scope",
                table: "domain_sources",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "sitemap_digest",
                table: "domain_sources");

            migrationBuilder.DropColumn(
                name: "sitemap_scope",
                table: "domain_sources");
        }
    }
}

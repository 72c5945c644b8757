using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SharedRateLimitWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RateLimitWindows",
                columns: table => new
                {
                    PartitionKey = table.Column<string>(type: "varchar(100)", unicode: false, maxLength: 100, nullable: false),
                    WindowNumber = table.Column<long>(type: "bigint", nullable: false),
                    RequestCount = table.Column<int>(type: "int", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitWindows", x => new { x.PartitionKey, x.WindowNumber });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitWindows_ExpiresAt",
                table: "RateLimitWindows",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RateLimitWindows");
        }
    }
}

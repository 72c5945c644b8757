using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LabAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LabApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Hash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    Prefix = table.Column<string>(type: "nvarchar(12)", maxLength: 12, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LabApiKeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LabSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Mode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    IdSeed = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    IdsDrawn = table.Column<long>(type: "bigint", nullable: false),
                    FaultDelayMilliseconds = table.Column<int>(type: "int", nullable: false),
                    FaultErrorRate = table.Column<double>(type: "float", nullable: false),
                    OutageFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    OutageTo = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LabApiKeys_Hash",
                table: "LabApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LabApiKeys_UserId",
                table: "LabApiKeys",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LabApiKeys");

            migrationBuilder.DropTable(
                name: "LabSettings");
        }
    }
}

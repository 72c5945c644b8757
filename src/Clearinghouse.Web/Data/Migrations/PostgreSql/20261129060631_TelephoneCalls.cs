using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TelephoneCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeactivationConfirmationCode",
                table: "LicenseServers",
                type: "character varying(35)",
                unicode: false,
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RepresentativeId",
                table: "CalRequests",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_RepresentativeId",
                table: "CalRequests",
                column: "RepresentativeId");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_TargetLicenseServerId",
                table: "CalRequests",
                column: "TargetLicenseServerId");

            migrationBuilder.AddForeignKey(
                name: "FK_CalRequests_AspNetUsers_RepresentativeId",
                table: "CalRequests",
                column: "RepresentativeId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CalRequests_AspNetUsers_RepresentativeId",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_RepresentativeId",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_TargetLicenseServerId",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "DeactivationConfirmationCode",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "RepresentativeId",
                table: "CalRequests");
        }
    }
}

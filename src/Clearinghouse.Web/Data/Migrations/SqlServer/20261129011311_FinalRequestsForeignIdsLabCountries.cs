using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FinalRequestsForeignIdsLabCountries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The countries' seed left the model (they are seeded at start now, so a lab's phone numbers are data,
            // not migrations). The DeleteData the tools generated for it was removed by hand, here and from Down's
            // matching InsertData: the rows stay where they are, and requests keep pointing at them.

            migrationBuilder.AddColumn<bool>(
                name: "RetailLicenseCodesAreForeign",
                table: "CalRequests",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "TargetLicenseServerIdIsForeign",
                table: "CalRequests",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "CalRequests",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_SubmittedAt_UpdatedAt",
                table: "CalRequests",
                columns: new[] { "SubmittedAt", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CalRequests_SubmittedAt_UpdatedAt",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "RetailLicenseCodesAreForeign",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "TargetLicenseServerIdIsForeign",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "CalRequests");
        }
    }
}

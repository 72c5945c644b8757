using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CatalogueKeysWithoutIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SourceOperatingSystems_ProductVersionCode",
                table: "SourceOperatingSystems");

            migrationBuilder.DropIndex(
                name: "IX_Purchases_ProductVersionCode_CalTypeCode",
                table: "Purchases");

            migrationBuilder.DropIndex(
                name: "IX_ProductVersionCalTypes_CalTypeCode",
                table: "ProductVersionCalTypes");

            migrationBuilder.DropIndex(
                name: "IX_LicenseServers_OperatingSystemCode",
                table: "LicenseServers");

            migrationBuilder.DropIndex(
                name: "IX_LicenseServers_ProductVersionCode",
                table: "LicenseServers");

            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_LicenseProgramCode",
                table: "KeyPacks");

            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_ProductVersionCode_CalTypeCode",
                table: "KeyPacks");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_CalTypeCode",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_CountryRegionCode",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_LicenseProgramCode",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_OperatingSystemCode",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_ProductVersionCode",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_ReasonCode",
                table: "CalRequests");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SourceOperatingSystems_ProductVersionCode",
                table: "SourceOperatingSystems",
                column: "ProductVersionCode");

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_ProductVersionCode_CalTypeCode",
                table: "Purchases",
                columns: new[] { "ProductVersionCode", "CalTypeCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductVersionCalTypes_CalTypeCode",
                table: "ProductVersionCalTypes",
                column: "CalTypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseServers_OperatingSystemCode",
                table: "LicenseServers",
                column: "OperatingSystemCode");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseServers_ProductVersionCode",
                table: "LicenseServers",
                column: "ProductVersionCode");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_LicenseProgramCode",
                table: "KeyPacks",
                column: "LicenseProgramCode");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_ProductVersionCode_CalTypeCode",
                table: "KeyPacks",
                columns: new[] { "ProductVersionCode", "CalTypeCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_CalTypeCode",
                table: "CalRequests",
                column: "CalTypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_CountryRegionCode",
                table: "CalRequests",
                column: "CountryRegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_LicenseProgramCode",
                table: "CalRequests",
                column: "LicenseProgramCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_OperatingSystemCode",
                table: "CalRequests",
                column: "OperatingSystemCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_ProductVersionCode",
                table: "CalRequests",
                column: "ProductVersionCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_ReasonCode",
                table: "CalRequests",
                column: "ReasonCode");
        }
    }
}

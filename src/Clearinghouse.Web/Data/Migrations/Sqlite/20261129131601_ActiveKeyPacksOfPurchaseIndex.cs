using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActiveKeyPacksOfPurchaseIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_PurchaseReference",
                table: "KeyPacks");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_ActiveOfPurchase",
                table: "KeyPacks",
                columns: new[] { "PurchaseReference", "ProductVersionCode", "CalTypeCode", "MigratedToKeyPackId", "LicenseServerId", "IssuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_ActiveOfPurchase",
                table: "KeyPacks");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_PurchaseReference",
                table: "KeyPacks",
                column: "PurchaseReference");
        }
    }
}

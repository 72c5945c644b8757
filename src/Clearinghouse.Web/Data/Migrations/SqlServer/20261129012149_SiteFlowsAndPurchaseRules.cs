using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearinghouse.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SiteFlowsAndPurchaseRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The defaults of Purpose ("Migration") and Kind ("ManageCals") were set by hand: rows from before this
            // migration all came from Manage CALs, the only flow there was.
            migrationBuilder.AddColumn<string>(
                name: "ProductVersionCode",
                table: "SourceOperatingSystems",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ActivatedAt",
                table: "LicenseServers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OperatingSystemCode",
                table: "LicenseServers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductId",
                table: "LicenseServers",
                type: "varchar(20)",
                unicode: false,
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductVersionCode",
                table: "LicenseServers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReplacedAt",
                table: "LicenseServers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplacedById",
                table: "LicenseServers",
                type: "varchar(35)",
                unicode: false,
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "LicenseServers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MigratedAt",
                table: "KeyPacks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MigratedToKeyPackId",
                table: "KeyPacks",
                type: "varchar(35)",
                unicode: false,
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PurchaseId",
                table: "KeyPacks",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PurchaseReference",
                table: "KeyPacks",
                type: "varchar(100)",
                unicode: false,
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "KeyPacks",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Migration");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "KeyPacks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "IssuedLicenseServerId",
                table: "CalRequests",
                type: "varchar(35)",
                unicode: false,
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "CalRequests",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "ManageCals");

            migrationBuilder.AddColumn<string>(
                name: "OperatingSystemCode",
                table: "CalRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductId",
                table: "CalRequests",
                type: "varchar(20)",
                unicode: false,
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Purchases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LicenseProgramCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reference = table.Column<string>(type: "varchar(100)", unicode: false, maxLength: 100, nullable: false),
                    ProductVersionCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CalTypeCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Quantity = table.Column<int>(type: "int", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Purchases", x => x.Id);
                    table.CheckConstraint("CK_Purchases_Quantity", "Quantity BETWEEN 1 AND 1000000");
                    table.ForeignKey(
                        name: "FK_Purchases_LicensePrograms_LicenseProgramCode",
                        column: x => x.LicenseProgramCode,
                        principalTable: "LicensePrograms",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Purchases_ProductVersionCalTypes_ProductVersionCode_CalTypeCode",
                        columns: x => new { x.ProductVersionCode, x.CalTypeCode },
                        principalTable: "ProductVersionCalTypes",
                        principalColumns: new[] { "ProductVersionCode", "CalTypeCode" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RetailLicenseCodes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "varchar(25)", unicode: false, maxLength: 25, nullable: false),
                    KeyPackId = table.Column<string>(type: "varchar(35)", unicode: false, maxLength: 35, nullable: false),
                    FirstUsedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetailLicenseCodes", x => x.Code);
                    table.ForeignKey(
                        name: "FK_RetailLicenseCodes_KeyPacks_KeyPackId",
                        column: x => x.KeyPackId,
                        principalTable: "KeyPacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2003",
                column: "ProductVersionCode",
                value: "windows-server-2008-r2");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2008",
                column: "ProductVersionCode",
                value: "windows-server-2008-r2");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2008-r2",
                column: "ProductVersionCode",
                value: "windows-server-2008-r2");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2012",
                column: "ProductVersionCode",
                value: "windows-server-2012");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2012-r2",
                column: "ProductVersionCode",
                value: "windows-server-2012");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2016",
                column: "ProductVersionCode",
                value: "windows-server-2016");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2019",
                column: "ProductVersionCode",
                value: "windows-server-2019");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2022",
                column: "ProductVersionCode",
                value: "windows-server-2022");

            migrationBuilder.UpdateData(
                table: "SourceOperatingSystems",
                keyColumn: "Code",
                keyValue: "windows-server-2025",
                column: "ProductVersionCode",
                value: "windows-server-2025");

            migrationBuilder.CreateIndex(
                name: "IX_SourceOperatingSystems_ProductVersionCode",
                table: "SourceOperatingSystems",
                column: "ProductVersionCode");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseServers_OperatingSystemCode",
                table: "LicenseServers",
                column: "OperatingSystemCode");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseServers_ProductVersionCode",
                table: "LicenseServers",
                column: "ProductVersionCode");

            migrationBuilder.CreateIndex(
                name: "IX_LicenseServers_ReplacedById",
                table: "LicenseServers",
                column: "ReplacedById",
                unique: true,
                filter: "[ReplacedById] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_MigratedToKeyPackId",
                table: "KeyPacks",
                column: "MigratedToKeyPackId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_PurchaseId",
                table: "KeyPacks",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_PurchaseReference",
                table: "KeyPacks",
                column: "PurchaseReference");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_IssuedLicenseServerId",
                table: "CalRequests",
                column: "IssuedLicenseServerId",
                unique: true,
                filter: "[IssuedLicenseServerId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_OperatingSystemCode",
                table: "CalRequests",
                column: "OperatingSystemCode");

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_LicenseProgramCode_Reference_ProductVersionCode_CalTypeCode",
                table: "Purchases",
                columns: new[] { "LicenseProgramCode", "Reference", "ProductVersionCode", "CalTypeCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Purchases_ProductVersionCode_CalTypeCode",
                table: "Purchases",
                columns: new[] { "ProductVersionCode", "CalTypeCode" });

            migrationBuilder.CreateIndex(
                name: "IX_RetailLicenseCodes_KeyPackId",
                table: "RetailLicenseCodes",
                column: "KeyPackId");

            migrationBuilder.AddForeignKey(
                name: "FK_CalRequests_LicenseServers_IssuedLicenseServerId",
                table: "CalRequests",
                column: "IssuedLicenseServerId",
                principalTable: "LicenseServers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CalRequests_SourceOperatingSystems_OperatingSystemCode",
                table: "CalRequests",
                column: "OperatingSystemCode",
                principalTable: "SourceOperatingSystems",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_KeyPacks_KeyPacks_MigratedToKeyPackId",
                table: "KeyPacks",
                column: "MigratedToKeyPackId",
                principalTable: "KeyPacks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_KeyPacks_Purchases_PurchaseId",
                table: "KeyPacks",
                column: "PurchaseId",
                principalTable: "Purchases",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_LicenseServers_LicenseServers_ReplacedById",
                table: "LicenseServers",
                column: "ReplacedById",
                principalTable: "LicenseServers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_LicenseServers_ProductVersions_ProductVersionCode",
                table: "LicenseServers",
                column: "ProductVersionCode",
                principalTable: "ProductVersions",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_LicenseServers_SourceOperatingSystems_OperatingSystemCode",
                table: "LicenseServers",
                column: "OperatingSystemCode",
                principalTable: "SourceOperatingSystems",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_SourceOperatingSystems_ProductVersions_ProductVersionCode",
                table: "SourceOperatingSystems",
                column: "ProductVersionCode",
                principalTable: "ProductVersions",
                principalColumn: "Code",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CalRequests_LicenseServers_IssuedLicenseServerId",
                table: "CalRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_CalRequests_SourceOperatingSystems_OperatingSystemCode",
                table: "CalRequests");

            migrationBuilder.DropForeignKey(
                name: "FK_KeyPacks_KeyPacks_MigratedToKeyPackId",
                table: "KeyPacks");

            migrationBuilder.DropForeignKey(
                name: "FK_KeyPacks_Purchases_PurchaseId",
                table: "KeyPacks");

            migrationBuilder.DropForeignKey(
                name: "FK_LicenseServers_LicenseServers_ReplacedById",
                table: "LicenseServers");

            migrationBuilder.DropForeignKey(
                name: "FK_LicenseServers_ProductVersions_ProductVersionCode",
                table: "LicenseServers");

            migrationBuilder.DropForeignKey(
                name: "FK_LicenseServers_SourceOperatingSystems_OperatingSystemCode",
                table: "LicenseServers");

            migrationBuilder.DropForeignKey(
                name: "FK_SourceOperatingSystems_ProductVersions_ProductVersionCode",
                table: "SourceOperatingSystems");

            migrationBuilder.DropTable(
                name: "Purchases");

            migrationBuilder.DropTable(
                name: "RetailLicenseCodes");

            migrationBuilder.DropIndex(
                name: "IX_SourceOperatingSystems_ProductVersionCode",
                table: "SourceOperatingSystems");

            migrationBuilder.DropIndex(
                name: "IX_LicenseServers_OperatingSystemCode",
                table: "LicenseServers");

            migrationBuilder.DropIndex(
                name: "IX_LicenseServers_ProductVersionCode",
                table: "LicenseServers");

            migrationBuilder.DropIndex(
                name: "IX_LicenseServers_ReplacedById",
                table: "LicenseServers");

            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_MigratedToKeyPackId",
                table: "KeyPacks");

            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_PurchaseId",
                table: "KeyPacks");

            migrationBuilder.DropIndex(
                name: "IX_KeyPacks_PurchaseReference",
                table: "KeyPacks");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_IssuedLicenseServerId",
                table: "CalRequests");

            migrationBuilder.DropIndex(
                name: "IX_CalRequests_OperatingSystemCode",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "ProductVersionCode",
                table: "SourceOperatingSystems");

            migrationBuilder.DropColumn(
                name: "ActivatedAt",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "OperatingSystemCode",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "ProductId",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "ProductVersionCode",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "ReplacedAt",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "ReplacedById",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "LicenseServers");

            migrationBuilder.DropColumn(
                name: "MigratedAt",
                table: "KeyPacks");

            migrationBuilder.DropColumn(
                name: "MigratedToKeyPackId",
                table: "KeyPacks");

            migrationBuilder.DropColumn(
                name: "PurchaseId",
                table: "KeyPacks");

            migrationBuilder.DropColumn(
                name: "PurchaseReference",
                table: "KeyPacks");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "KeyPacks");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "KeyPacks");

            migrationBuilder.DropColumn(
                name: "IssuedLicenseServerId",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "OperatingSystemCode",
                table: "CalRequests");

            migrationBuilder.DropColumn(
                name: "ProductId",
                table: "CalRequests");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Clearinghouse.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CalTypes",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalTypes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "CountriesRegions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CallingCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PhoneNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountriesRegions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensePrograms",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    ReferenceLabel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensePrograms", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "LicenseServers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(35)", unicode: false, maxLength: 35, nullable: false),
                    IssuedHere = table.Column<bool>(type: "boolean", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseServers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProductVersions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductVersions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Reasons",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reasons", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "SourceOperatingSystems",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceOperatingSystems", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ProductVersionCalTypes",
                columns: table => new
                {
                    ProductVersionCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CalTypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductVersionCalTypes", x => new { x.ProductVersionCode, x.CalTypeCode });
                    table.ForeignKey(
                        name: "FK_ProductVersionCalTypes_CalTypes_CalTypeCode",
                        column: x => x.CalTypeCode,
                        principalTable: "CalTypes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProductVersionCalTypes_ProductVersions_ProductVersionCode",
                        column: x => x.ProductVersionCode,
                        principalTable: "ProductVersions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CalRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    TargetLicenseServerId = table.Column<string>(type: "character varying(35)", unicode: false, maxLength: 35, nullable: true),
                    TargetLicenseServerIdIsForeign = table.Column<bool>(type: "boolean", nullable: false),
                    ReasonCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LicenseProgramCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CompanyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CountryRegionCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: true),
                    OrganizationalUnit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StreetAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StateProvince = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AgreementNumber = table.Column<string>(type: "character varying(7)", unicode: false, maxLength: 7, nullable: true),
                    OpenLicenseNumber = table.Column<string>(type: "character varying(8)", unicode: false, maxLength: 8, nullable: true),
                    OpenLicenseAuthorizationNumber = table.Column<string>(type: "character varying(15)", unicode: false, maxLength: 15, nullable: true),
                    RetailLicenseCodes = table.Column<string>(type: "character varying(520)", unicode: false, maxLength: 520, nullable: true),
                    RetailLicenseCodesAreForeign = table.Column<bool>(type: "boolean", nullable: false),
                    ProductVersionCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CalTypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalRequests_CalTypes_CalTypeCode",
                        column: x => x.CalTypeCode,
                        principalTable: "CalTypes",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CalRequests_CountriesRegions_CountryRegionCode",
                        column: x => x.CountryRegionCode,
                        principalTable: "CountriesRegions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CalRequests_LicensePrograms_LicenseProgramCode",
                        column: x => x.LicenseProgramCode,
                        principalTable: "LicensePrograms",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CalRequests_ProductVersions_ProductVersionCode",
                        column: x => x.ProductVersionCode,
                        principalTable: "ProductVersions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CalRequests_Reasons_ReasonCode",
                        column: x => x.ReasonCode,
                        principalTable: "Reasons",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyPacks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(35)", unicode: false, maxLength: 35, nullable: false),
                    LicenseServerId = table.Column<string>(type: "character varying(35)", unicode: false, maxLength: 35, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LicenseProgramCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProductVersionCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CalTypeCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyPacks", x => x.Id);
                    table.CheckConstraint("CK_KeyPacks_Quantity", "\"Quantity\" BETWEEN 1 AND 9999");
                    table.ForeignKey(
                        name: "FK_KeyPacks_CalRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "CalRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyPacks_LicensePrograms_LicenseProgramCode",
                        column: x => x.LicenseProgramCode,
                        principalTable: "LicensePrograms",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyPacks_LicenseServers_LicenseServerId",
                        column: x => x.LicenseServerId,
                        principalTable: "LicenseServers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyPacks_ProductVersionCalTypes_ProductVersionCode_CalTypeC~",
                        columns: x => new { x.ProductVersionCode, x.CalTypeCode },
                        principalTable: "ProductVersionCalTypes",
                        principalColumns: new[] { "ProductVersionCode", "CalTypeCode" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyPackInstallations",
                columns: table => new
                {
                    KeyPackId = table.Column<string>(type: "character varying(35)", unicode: false, maxLength: 35, nullable: false),
                    LicenseServerId = table.Column<string>(type: "character varying(35)", unicode: false, maxLength: 35, nullable: false),
                    InstalledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyPackInstallations", x => x.KeyPackId);
                    table.ForeignKey(
                        name: "FK_KeyPackInstallations_KeyPacks_KeyPackId",
                        column: x => x.KeyPackId,
                        principalTable: "KeyPacks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyPackInstallations_LicenseServers_LicenseServerId",
                        column: x => x.LicenseServerId,
                        principalTable: "LicenseServers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "CalTypes",
                columns: new[] { "Code", "Name", "SortOrder" },
                values: new object[,]
                {
                    { "rds-per-device", "RDS Per Device CAL", 1 },
                    { "rds-per-user", "RDS Per User CAL", 2 },
                    { "ts-rds-per-device", "TS/RDS Per Device CAL", 3 },
                    { "ts-rds-per-user", "TS/RDS Per User CAL", 4 },
                    { "vdi-premium", "VDI Premium", 6 },
                    { "vdi-standard", "VDI Standard", 5 },
                    { "vdi-suite", "VDI Suite", 7 }
                });

            migrationBuilder.InsertData(
                table: "LicensePrograms",
                columns: new[] { "Code", "Kind", "Name", "ReferenceLabel", "SortOrder" },
                values: new object[,]
                {
                    { "campus-agreement", "Agreement", "Campus Agreement", "Agreement number", 5 },
                    { "enterprise-agreement", "Agreement", "Enterprise Agreement", "Enrollment number", 4 },
                    { "license-pack", "RetailPurchase", "License Pack (Retail Purchase)", null, 1 },
                    { "open-license", "OpenLicense", "Open License", null, 2 },
                    { "other-agreement", "Agreement", "Other Agreement", "Agreement number", 8 },
                    { "school-agreement", "Agreement", "School Agreement", "Agreement number", 6 },
                    { "select-license", "Agreement", "Select License", "Agreement number", 3 },
                    { "services-provider-license-agreement", "Agreement", "Services Provider License Agreement", "Agreement number", 7 }
                });

            migrationBuilder.InsertData(
                table: "ProductVersions",
                columns: new[] { "Code", "Name", "Rank" },
                values: new object[,]
                {
                    { "windows-server-2008-r2", "Windows Server 2008 R2 and earlier", 2008 },
                    { "windows-server-2012", "Windows Server 2012 (and 2012 R2)", 2012 },
                    { "windows-server-2016", "Windows Server 2016", 2016 },
                    { "windows-server-2019", "Windows Server 2019", 2019 },
                    { "windows-server-2022", "Windows Server 2022", 2022 },
                    { "windows-server-2025", "Windows Server 2025", 2025 }
                });

            migrationBuilder.InsertData(
                table: "Reasons",
                columns: new[] { "Code", "Purpose", "SortOrder", "Text" },
                values: new object[,]
                {
                    { "activation-key-expired", "Reactivation", 4, "The activation key has expired" },
                    { "certificate-corrupt", "Reactivation", 2, "The license server certificate is corrupt" },
                    { "not-functioning", "Recovery", 2, "The source license server is no longer functioning" },
                    { "private-key-compromised", "Reactivation", 3, "The private key has been compromised" },
                    { "redeployed", "Reactivation", 1, "The license server has been redeployed" },
                    { "replaced", "Recovery", 1, "The source license server is being replaced by this license server" },
                    { "upgraded", "Reactivation", 5, "The license server has been upgraded" }
                });

            migrationBuilder.InsertData(
                table: "SourceOperatingSystems",
                columns: new[] { "Code", "Name", "Rank" },
                values: new object[,]
                {
                    { "windows-server-2003", "Windows Server 2003", 2003 },
                    { "windows-server-2008", "Windows Server 2008", 2008 },
                    { "windows-server-2008-r2", "Windows Server 2008 R2", 2009 },
                    { "windows-server-2012", "Windows Server 2012", 2012 },
                    { "windows-server-2012-r2", "Windows Server 2012 R2", 2013 },
                    { "windows-server-2016", "Windows Server 2016", 2016 },
                    { "windows-server-2019", "Windows Server 2019", 2019 },
                    { "windows-server-2022", "Windows Server 2022", 2022 },
                    { "windows-server-2025", "Windows Server 2025", 2025 }
                });

            migrationBuilder.InsertData(
                table: "ProductVersionCalTypes",
                columns: new[] { "CalTypeCode", "ProductVersionCode" },
                values: new object[,]
                {
                    { "ts-rds-per-device", "windows-server-2008-r2" },
                    { "ts-rds-per-user", "windows-server-2008-r2" },
                    { "vdi-premium", "windows-server-2008-r2" },
                    { "vdi-standard", "windows-server-2008-r2" },
                    { "vdi-suite", "windows-server-2008-r2" },
                    { "rds-per-device", "windows-server-2012" },
                    { "rds-per-user", "windows-server-2012" },
                    { "vdi-suite", "windows-server-2012" },
                    { "rds-per-device", "windows-server-2016" },
                    { "rds-per-user", "windows-server-2016" },
                    { "vdi-suite", "windows-server-2016" },
                    { "rds-per-device", "windows-server-2019" },
                    { "rds-per-user", "windows-server-2019" },
                    { "vdi-suite", "windows-server-2019" },
                    { "rds-per-device", "windows-server-2022" },
                    { "rds-per-user", "windows-server-2022" },
                    { "vdi-suite", "windows-server-2022" },
                    { "rds-per-device", "windows-server-2025" },
                    { "rds-per-user", "windows-server-2025" },
                    { "vdi-suite", "windows-server-2025" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_CalTypeCode",
                table: "CalRequests",
                column: "CalTypeCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_CountryRegionCode",
                table: "CalRequests",
                column: "CountryRegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_CreatedAt",
                table: "CalRequests",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_LicenseProgramCode",
                table: "CalRequests",
                column: "LicenseProgramCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_ProductVersionCode",
                table: "CalRequests",
                column: "ProductVersionCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_ReasonCode",
                table: "CalRequests",
                column: "ReasonCode");

            migrationBuilder.CreateIndex(
                name: "IX_CalRequests_SubmittedAt_UpdatedAt",
                table: "CalRequests",
                columns: new[] { "SubmittedAt", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyPackInstallations_LicenseServerId",
                table: "KeyPackInstallations",
                column: "LicenseServerId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_IssuedAt",
                table: "KeyPacks",
                column: "IssuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_LicenseProgramCode",
                table: "KeyPacks",
                column: "LicenseProgramCode");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_LicenseServerId",
                table: "KeyPacks",
                column: "LicenseServerId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_ProductVersionCode_CalTypeCode",
                table: "KeyPacks",
                columns: new[] { "ProductVersionCode", "CalTypeCode" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyPacks_RequestId",
                table: "KeyPacks",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProductVersionCalTypes_CalTypeCode",
                table: "ProductVersionCalTypes",
                column: "CalTypeCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "KeyPackInstallations");

            migrationBuilder.DropTable(
                name: "SourceOperatingSystems");

            migrationBuilder.DropTable(
                name: "KeyPacks");

            migrationBuilder.DropTable(
                name: "CalRequests");

            migrationBuilder.DropTable(
                name: "LicenseServers");

            migrationBuilder.DropTable(
                name: "ProductVersionCalTypes");

            migrationBuilder.DropTable(
                name: "CountriesRegions");

            migrationBuilder.DropTable(
                name: "LicensePrograms");

            migrationBuilder.DropTable(
                name: "Reasons");

            migrationBuilder.DropTable(
                name: "CalTypes");

            migrationBuilder.DropTable(
                name: "ProductVersions");
        }
    }
}

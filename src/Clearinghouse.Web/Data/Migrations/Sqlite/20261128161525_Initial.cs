using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Clearinghouse.Web.Data.Migrations.Sqlite
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
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalTypes", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "CountriesRegions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CallingCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountriesRegions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicensePrograms",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferenceLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicensePrograms", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "LicenseServers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", unicode: false, maxLength: 35, nullable: false),
                    IssuedHere = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenseServers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProductVersions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductVersions", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Reasons",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reasons", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "SourceOperatingSystems",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceOperatingSystems", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "ProductVersionCalTypes",
                columns: table => new
                {
                    ProductVersionCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CalTypeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TargetLicenseServerId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 35, nullable: true),
                    ReasonCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LicenseProgramCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CountryRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: true),
                    OrganizationalUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StreetAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StateProvince = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AgreementNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 7, nullable: true),
                    OpenLicenseNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 8, nullable: true),
                    OpenLicenseAuthorizationNumber = table.Column<string>(type: "TEXT", unicode: false, maxLength: 15, nullable: true),
                    RetailLicenseCodes = table.Column<string>(type: "TEXT", unicode: false, maxLength: 520, nullable: true),
                    ProductVersionCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CalTypeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<string>(type: "TEXT", unicode: false, maxLength: 35, nullable: false),
                    LicenseServerId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 35, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LicenseProgramCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductVersionCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CalTypeCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyPacks", x => x.Id);
                    table.CheckConstraint("CK_KeyPacks_Quantity", "Quantity BETWEEN 1 AND 9999");
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
                        name: "FK_KeyPacks_ProductVersionCalTypes_ProductVersionCode_CalTypeCode",
                        columns: x => new { x.ProductVersionCode, x.CalTypeCode },
                        principalTable: "ProductVersionCalTypes",
                        principalColumns: new[] { "ProductVersionCode", "CalTypeCode" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyPackInstallations",
                columns: table => new
                {
                    KeyPackId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 35, nullable: false),
                    LicenseServerId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 35, nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                table: "CountriesRegions",
                columns: new[] { "Code", "CallingCode", "Name", "PhoneNumber" },
                values: new object[,]
                {
                    { "AD", "376", "Andorra", "+376 555 0100" },
                    { "AE", "971", "United Arab Emirates", "+971 555 0100" },
                    { "AF", "93", "Afghanistan", "+93 555 0100" },
                    { "AG", "1", "Antigua and Barbuda", "+1 555 0100" },
                    { "AI", "1", "Anguilla", "+1 555 0100" },
                    { "AL", "355", "Albania", "+355 555 0100" },
                    { "AM", "374", "Armenia", "+374 555 0100" },
                    { "AO", "244", "Angola", "+244 555 0100" },
                    { "AQ", "672", "Antarctica", "+672 555 0100" },
                    { "AR", "54", "Argentina", "+54 555 0100" },
                    { "AS", "1", "American Samoa", "+1 555 0100" },
                    { "AT", "43", "Austria", "+43 555 0100" },
                    { "AU", "61", "Australia", "+61 555 0100" },
                    { "AW", "297", "Aruba", "+297 555 0100" },
                    { "AX", "358", "Åland Islands", "+358 555 0100" },
                    { "AZ", "994", "Azerbaijan", "+994 555 0100" },
                    { "BA", "387", "Bosnia and Herzegovina", "+387 555 0100" },
                    { "BB", "1", "Barbados", "+1 555 0100" },
                    { "BD", "880", "Bangladesh", "+880 555 0100" },
                    { "BE", "32", "Belgium", "+32 555 0100" },
                    { "BF", "226", "Burkina Faso", "+226 555 0100" },
                    { "BG", "359", "Bulgaria", "+359 555 0100" },
                    { "BH", "973", "Bahrain", "+973 555 0100" },
                    { "BI", "257", "Burundi", "+257 555 0100" },
                    { "BJ", "229", "Benin", "+229 555 0100" },
                    { "BL", "590", "Saint Barthélemy", "+590 555 0100" },
                    { "BM", "1", "Bermuda", "+1 555 0100" },
                    { "BN", "673", "Brunei Darussalam", "+673 555 0100" },
                    { "BO", "591", "Bolivia", "+591 555 0100" },
                    { "BQ", "599", "Bonaire, Sint Eustatius and Saba", "+599 555 0100" },
                    { "BR", "55", "Brazil", "+55 555 0100" },
                    { "BS", "1", "Bahamas", "+1 555 0100" },
                    { "BT", "975", "Bhutan", "+975 555 0100" },
                    { "BV", "47", "Bouvet Island", "+47 555 0100" },
                    { "BW", "267", "Botswana", "+267 555 0100" },
                    { "BY", "375", "Belarus", "+375 555 0100" },
                    { "BZ", "501", "Belize", "+501 555 0100" },
                    { "CA", "1", "Canada", "+1 555 0100" },
                    { "CC", "61", "Cocos (Keeling) Islands", "+61 555 0100" },
                    { "CD", "243", "Congo, The Democratic Republic of the", "+243 555 0100" },
                    { "CF", "236", "Central African Republic", "+236 555 0100" },
                    { "CG", "242", "Congo", "+242 555 0100" },
                    { "CH", "41", "Switzerland", "+41 555 0100" },
                    { "CI", "225", "Côte d'Ivoire", "+225 555 0100" },
                    { "CK", "682", "Cook Islands", "+682 555 0100" },
                    { "CL", "56", "Chile", "+56 555 0100" },
                    { "CM", "237", "Cameroon", "+237 555 0100" },
                    { "CN", "86", "China", "+86 555 0100" },
                    { "CO", "57", "Colombia", "+57 555 0100" },
                    { "CR", "506", "Costa Rica", "+506 555 0100" },
                    { "CU", "53", "Cuba", "+53 555 0100" },
                    { "CV", "238", "Cabo Verde", "+238 555 0100" },
                    { "CW", "599", "Curaçao", "+599 555 0100" },
                    { "CX", "61", "Christmas Island", "+61 555 0100" },
                    { "CY", "357", "Cyprus", "+357 555 0100" },
                    { "CZ", "420", "Czechia", "+420 555 0100" },
                    { "DE", "49", "Germany", "+49 555 0100" },
                    { "DJ", "253", "Djibouti", "+253 555 0100" },
                    { "DK", "45", "Denmark", "+45 555 0100" },
                    { "DM", "1", "Dominica", "+1 555 0100" },
                    { "DO", "1", "Dominican Republic", "+1 555 0100" },
                    { "DZ", "213", "Algeria", "+213 555 0100" },
                    { "EC", "593", "Ecuador", "+593 555 0100" },
                    { "EE", "372", "Estonia", "+372 555 0100" },
                    { "EG", "20", "Egypt", "+20 555 0100" },
                    { "EH", "212", "Western Sahara", "+212 555 0100" },
                    { "ER", "291", "Eritrea", "+291 555 0100" },
                    { "ES", "34", "Spain", "+34 555 0100" },
                    { "ET", "251", "Ethiopia", "+251 555 0100" },
                    { "FI", "358", "Finland", "+358 555 0100" },
                    { "FJ", "679", "Fiji", "+679 555 0100" },
                    { "FK", "500", "Falkland Islands (Malvinas)", "+500 555 0100" },
                    { "FM", "691", "Micronesia, Federated States of", "+691 555 0100" },
                    { "FO", "298", "Faroe Islands", "+298 555 0100" },
                    { "FR", "33", "France", "+33 555 0100" },
                    { "GA", "241", "Gabon", "+241 555 0100" },
                    { "GB", "44", "United Kingdom", "+44 555 0100" },
                    { "GD", "1", "Grenada", "+1 555 0100" },
                    { "GE", "995", "Georgia", "+995 555 0100" },
                    { "GF", "594", "French Guiana", "+594 555 0100" },
                    { "GG", "44", "Guernsey", "+44 555 0100" },
                    { "GH", "233", "Ghana", "+233 555 0100" },
                    { "GI", "350", "Gibraltar", "+350 555 0100" },
                    { "GL", "299", "Greenland", "+299 555 0100" },
                    { "GM", "220", "Gambia", "+220 555 0100" },
                    { "GN", "224", "Guinea", "+224 555 0100" },
                    { "GP", "590", "Guadeloupe", "+590 555 0100" },
                    { "GQ", "240", "Equatorial Guinea", "+240 555 0100" },
                    { "GR", "30", "Greece", "+30 555 0100" },
                    { "GS", "500", "South Georgia and the South Sandwich Islands", "+500 555 0100" },
                    { "GT", "502", "Guatemala", "+502 555 0100" },
                    { "GU", "1", "Guam", "+1 555 0100" },
                    { "GW", "245", "Guinea-Bissau", "+245 555 0100" },
                    { "GY", "592", "Guyana", "+592 555 0100" },
                    { "HK", "852", "Hong Kong", "+852 555 0100" },
                    { "HM", "672", "Heard Island and McDonald Islands", "+672 555 0100" },
                    { "HN", "504", "Honduras", "+504 555 0100" },
                    { "HR", "385", "Croatia", "+385 555 0100" },
                    { "HT", "509", "Haiti", "+509 555 0100" },
                    { "HU", "36", "Hungary", "+36 555 0100" },
                    { "ID", "62", "Indonesia", "+62 555 0100" },
                    { "IE", "353", "Ireland", "+353 555 0100" },
                    { "IL", "972", "Israel", "+972 555 0100" },
                    { "IM", "44", "Isle of Man", "+44 555 0100" },
                    { "IN", "91", "India", "+91 555 0100" },
                    { "IO", "246", "British Indian Ocean Territory", "+246 555 0100" },
                    { "IQ", "964", "Iraq", "+964 555 0100" },
                    { "IR", "98", "Iran", "+98 555 0100" },
                    { "IS", "354", "Iceland", "+354 555 0100" },
                    { "IT", "39", "Italy", "+39 555 0100" },
                    { "JE", "44", "Jersey", "+44 555 0100" },
                    { "JM", "1", "Jamaica", "+1 555 0100" },
                    { "JO", "962", "Jordan", "+962 555 0100" },
                    { "JP", "81", "Japan", "+81 555 0100" },
                    { "KE", "254", "Kenya", "+254 555 0100" },
                    { "KG", "996", "Kyrgyzstan", "+996 555 0100" },
                    { "KH", "855", "Cambodia", "+855 555 0100" },
                    { "KI", "686", "Kiribati", "+686 555 0100" },
                    { "KM", "269", "Comoros", "+269 555 0100" },
                    { "KN", "1", "Saint Kitts and Nevis", "+1 555 0100" },
                    { "KP", "850", "North Korea", "+850 555 0100" },
                    { "KR", "82", "South Korea", "+82 555 0100" },
                    { "KW", "965", "Kuwait", "+965 555 0100" },
                    { "KY", "1", "Cayman Islands", "+1 555 0100" },
                    { "KZ", "7", "Kazakhstan", "+7 555 0100" },
                    { "LA", "856", "Laos", "+856 555 0100" },
                    { "LB", "961", "Lebanon", "+961 555 0100" },
                    { "LC", "1", "Saint Lucia", "+1 555 0100" },
                    { "LI", "423", "Liechtenstein", "+423 555 0100" },
                    { "LK", "94", "Sri Lanka", "+94 555 0100" },
                    { "LR", "231", "Liberia", "+231 555 0100" },
                    { "LS", "266", "Lesotho", "+266 555 0100" },
                    { "LT", "370", "Lithuania", "+370 555 0100" },
                    { "LU", "352", "Luxembourg", "+352 555 0100" },
                    { "LV", "371", "Latvia", "+371 555 0100" },
                    { "LY", "218", "Libya", "+218 555 0100" },
                    { "MA", "212", "Morocco", "+212 555 0100" },
                    { "MC", "377", "Monaco", "+377 555 0100" },
                    { "MD", "373", "Moldova", "+373 555 0100" },
                    { "ME", "382", "Montenegro", "+382 555 0100" },
                    { "MF", "590", "Saint Martin (French part)", "+590 555 0100" },
                    { "MG", "261", "Madagascar", "+261 555 0100" },
                    { "MH", "692", "Marshall Islands", "+692 555 0100" },
                    { "MK", "389", "North Macedonia", "+389 555 0100" },
                    { "ML", "223", "Mali", "+223 555 0100" },
                    { "MM", "95", "Myanmar", "+95 555 0100" },
                    { "MN", "976", "Mongolia", "+976 555 0100" },
                    { "MO", "853", "Macao", "+853 555 0100" },
                    { "MP", "1", "Northern Mariana Islands", "+1 555 0100" },
                    { "MQ", "596", "Martinique", "+596 555 0100" },
                    { "MR", "222", "Mauritania", "+222 555 0100" },
                    { "MS", "1", "Montserrat", "+1 555 0100" },
                    { "MT", "356", "Malta", "+356 555 0100" },
                    { "MU", "230", "Mauritius", "+230 555 0100" },
                    { "MV", "960", "Maldives", "+960 555 0100" },
                    { "MW", "265", "Malawi", "+265 555 0100" },
                    { "MX", "52", "Mexico", "+52 555 0100" },
                    { "MY", "60", "Malaysia", "+60 555 0100" },
                    { "MZ", "258", "Mozambique", "+258 555 0100" },
                    { "NA", "264", "Namibia", "+264 555 0100" },
                    { "NC", "687", "New Caledonia", "+687 555 0100" },
                    { "NE", "227", "Niger", "+227 555 0100" },
                    { "NF", "672", "Norfolk Island", "+672 555 0100" },
                    { "NG", "234", "Nigeria", "+234 555 0100" },
                    { "NI", "505", "Nicaragua", "+505 555 0100" },
                    { "NL", "31", "Netherlands", "+31 555 0100" },
                    { "NO", "47", "Norway", "+47 555 0100" },
                    { "NP", "977", "Nepal", "+977 555 0100" },
                    { "NR", "674", "Nauru", "+674 555 0100" },
                    { "NU", "683", "Niue", "+683 555 0100" },
                    { "NZ", "64", "New Zealand", "+64 555 0100" },
                    { "OM", "968", "Oman", "+968 555 0100" },
                    { "PA", "507", "Panama", "+507 555 0100" },
                    { "PE", "51", "Peru", "+51 555 0100" },
                    { "PF", "689", "French Polynesia", "+689 555 0100" },
                    { "PG", "675", "Papua New Guinea", "+675 555 0100" },
                    { "PH", "63", "Philippines", "+63 555 0100" },
                    { "PK", "92", "Pakistan", "+92 555 0100" },
                    { "PL", "48", "Poland", "+48 555 0100" },
                    { "PM", "508", "Saint Pierre and Miquelon", "+508 555 0100" },
                    { "PN", "64", "Pitcairn", "+64 555 0100" },
                    { "PR", "1", "Puerto Rico", "+1 555 0100" },
                    { "PS", "970", "Palestine, State of", "+970 555 0100" },
                    { "PT", "351", "Portugal", "+351 555 0100" },
                    { "PW", "680", "Palau", "+680 555 0100" },
                    { "PY", "595", "Paraguay", "+595 555 0100" },
                    { "QA", "974", "Qatar", "+974 555 0100" },
                    { "RE", "262", "Réunion", "+262 555 0100" },
                    { "RO", "40", "Romania", "+40 555 0100" },
                    { "RS", "381", "Serbia", "+381 555 0100" },
                    { "RU", "7", "Russian Federation", "+7 555 0100" },
                    { "RW", "250", "Rwanda", "+250 555 0100" },
                    { "SA", "966", "Saudi Arabia", "+966 555 0100" },
                    { "SB", "677", "Solomon Islands", "+677 555 0100" },
                    { "SC", "248", "Seychelles", "+248 555 0100" },
                    { "SD", "249", "Sudan", "+249 555 0100" },
                    { "SE", "46", "Sweden", "+46 555 0100" },
                    { "SG", "65", "Singapore", "+65 555 0100" },
                    { "SH", "290", "Saint Helena, Ascension and Tristan da Cunha", "+290 555 0100" },
                    { "SI", "386", "Slovenia", "+386 555 0100" },
                    { "SJ", "47", "Svalbard and Jan Mayen", "+47 555 0100" },
                    { "SK", "421", "Slovakia", "+421 555 0100" },
                    { "SL", "232", "Sierra Leone", "+232 555 0100" },
                    { "SM", "378", "San Marino", "+378 555 0100" },
                    { "SN", "221", "Senegal", "+221 555 0100" },
                    { "SO", "252", "Somalia", "+252 555 0100" },
                    { "SR", "597", "Suriname", "+597 555 0100" },
                    { "SS", "211", "South Sudan", "+211 555 0100" },
                    { "ST", "239", "Sao Tome and Principe", "+239 555 0100" },
                    { "SV", "503", "El Salvador", "+503 555 0100" },
                    { "SX", "1", "Sint Maarten (Dutch part)", "+1 555 0100" },
                    { "SY", "963", "Syria", "+963 555 0100" },
                    { "SZ", "268", "Eswatini", "+268 555 0100" },
                    { "TC", "1", "Turks and Caicos Islands", "+1 555 0100" },
                    { "TD", "235", "Chad", "+235 555 0100" },
                    { "TF", "262", "French Southern Territories", "+262 555 0100" },
                    { "TG", "228", "Togo", "+228 555 0100" },
                    { "TH", "66", "Thailand", "+66 555 0100" },
                    { "TJ", "992", "Tajikistan", "+992 555 0100" },
                    { "TK", "690", "Tokelau", "+690 555 0100" },
                    { "TL", "670", "Timor-Leste", "+670 555 0100" },
                    { "TM", "993", "Turkmenistan", "+993 555 0100" },
                    { "TN", "216", "Tunisia", "+216 555 0100" },
                    { "TO", "676", "Tonga", "+676 555 0100" },
                    { "TR", "90", "Türkiye", "+90 555 0100" },
                    { "TT", "1", "Trinidad and Tobago", "+1 555 0100" },
                    { "TV", "688", "Tuvalu", "+688 555 0100" },
                    { "TW", "886", "Taiwan", "+886 555 0100" },
                    { "TZ", "255", "Tanzania", "+255 555 0100" },
                    { "UA", "380", "Ukraine", "+380 555 0100" },
                    { "UG", "256", "Uganda", "+256 555 0100" },
                    { "UM", "1", "United States Minor Outlying Islands", "+1 555 0100" },
                    { "US", "1", "United States", "+1 555 0100" },
                    { "UY", "598", "Uruguay", "+598 555 0100" },
                    { "UZ", "998", "Uzbekistan", "+998 555 0100" },
                    { "VA", "39", "Holy See (Vatican City State)", "+39 555 0100" },
                    { "VC", "1", "Saint Vincent and the Grenadines", "+1 555 0100" },
                    { "VE", "58", "Venezuela", "+58 555 0100" },
                    { "VG", "1", "Virgin Islands, British", "+1 555 0100" },
                    { "VI", "1", "Virgin Islands, U.S.", "+1 555 0100" },
                    { "VN", "84", "Vietnam", "+84 555 0100" },
                    { "VU", "678", "Vanuatu", "+678 555 0100" },
                    { "WF", "681", "Wallis and Futuna", "+681 555 0100" },
                    { "WS", "685", "Samoa", "+685 555 0100" },
                    { "YE", "967", "Yemen", "+967 555 0100" },
                    { "YT", "262", "Mayotte", "+262 555 0100" },
                    { "ZA", "27", "South Africa", "+27 555 0100" },
                    { "ZM", "260", "Zambia", "+260 555 0100" },
                    { "ZW", "263", "Zimbabwe", "+263 555 0100" }
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

using System.Globalization;
using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// How a proof of purchase is written down, in one place: the reference a <see cref="Purchase"/> is registered under
/// (without its program, which it holds apart) and the canonical reference a <see cref="KeyPack"/> carries (with it).
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>program kind</term><description><see cref="Purchase.Reference"/> → <see cref="KeyPack.PurchaseReference"/></description></listheader>
/// <item><term>agreement</term><description><c>1234567</c> → <c>enterprise-agreement:1234567</c></description></item>
/// <item><term>Open License</term><description><c>12345678:ABCDE12345FGHIJ</c> → <c>open-license:12345678:ABCDE12345FGHIJ</c></description></item>
/// <item><term>retail</term><description>the license code; key packs carry none, the RetailLicenseCodes table tracks each code</description></item>
/// </list>
/// Every part is canonical (digits; upper case letters and digits, no separators), so equal purchases are equal strings.
/// </remarks>
public static class PurchaseReferences
{
    /// <summary>
    /// The reference a purchase of this request's agreement or Open License is registered under; null for retail
    /// license codes (one reference per code) and while the program's details are missing.
    /// </summary>
    public static string? RegisteredReferenceOf(RequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Catalogue.FindProgram(facts.LicenseProgramCode)?.Kind switch
        {
            ProgramKind.Agreement => facts.AgreementNumber,
            ProgramKind.OpenLicense when facts.OpenLicenseNumber is { } number && facts.OpenLicenseAuthorizationNumber is { } authorization =>
                OpenLicense(number, authorization),
            _ => null,
        };
    }

    /// <summary>The reference an Open License is registered under: "licence number:authorization number".</summary>
    public static string OpenLicense(string licenseNumber, string authorizationNumber) => $"{licenseNumber}:{authorizationNumber}";

    /// <summary>The canonical reference key packs of an agreement or Open License carry: "program:reference".</summary>
    public static string Canonical(string licenseProgramCode, string registeredReference) => $"{licenseProgramCode}:{registeredReference}";

    /// <summary>A purchase as people read it: "Enterprise Agreement 1234567", "License Pack (Retail Purchase) BCDFG-…".</summary>
    public static string Describe(string licenseProgramCode, string registeredReference)
    {
        var program = Catalogue.FindProgram(licenseProgramCode);
        var name = program?.Name ?? licenseProgramCode;
        return program?.Kind switch
        {
            ProgramKind.RetailPurchase => $"{name} license code {IdFormat.RetailLicenseCode.Format(registeredReference)}",
            ProgramKind.OpenLicense when registeredReference.Split(':') is [var number, var authorization] =>
                $"{name} {number} (authorization number {IdFormat.OpenLicenseAuthorizationNumber.Format(authorization)})",
            _ => $"{name} {registeredReference}",
        };
    }

    /// <summary>"25 Windows Server 2022 RDS Per User CALs", whatever culture the server runs in.</summary>
    public static string Cals(int quantity, string productVersionCode, string calTypeCode) =>
        $"{quantity.ToString("N0", CultureInfo.InvariantCulture)} {CalsName(productVersionCode, calTypeCode, plural: quantity != 1)}";

    /// <summary>"Windows Server 2022 RDS Per User CALs", or "… CAL" for one.</summary>
    public static string CalsName(string productVersionCode, string calTypeCode, bool plural = true)
    {
        var version = Catalogue.FindProductVersion(productVersionCode)?.Name ?? productVersionCode;
        var calType = Catalogue.FindCalType(calTypeCode)?.Name ?? calTypeCode;

        // "RDS Per User CAL" names one CAL; "VDI Suite" names a product, whose licences are CALs too.
        var one = calType.EndsWith("CAL", StringComparison.Ordinal) ? calType : $"{calType} CAL";
        return $"{version} {one}{(plural ? "s" : "")}";
    }
}

using Clearinghouse.Web.Data;
using Clearinghouse.Web.Resources;

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

    /// <summary>
    /// A purchase as people read it, in the current language: "Enterprise Agreement 1234567", "License Pack (Retail
    /// Purchase) license code BCDFG-…". The number or code itself is never translated.
    /// </summary>
    public static string Describe(string licenseProgramCode, string registeredReference)
    {
        var program = Catalogue.FindProgram(licenseProgramCode);
        var name = program is null ? licenseProgramCode : CatalogueNames.Of(program);
        return program?.Kind switch
        {
            ProgramKind.RetailPurchase => Texts.Get("Purchase.Describe.RetailCode", name, IdFormat.RetailLicenseCode.Format(registeredReference)),
            ProgramKind.OpenLicense when registeredReference.Split(':') is [var number, var authorization] =>
                Texts.Get("Purchase.Describe.OpenLicense", name, number, IdFormat.OpenLicenseAuthorizationNumber.Format(authorization)),
            _ => Texts.Get("Purchase.Describe.Agreement", name, registeredReference),
        };
    }

    /// <summary>"25 Windows Server 2022 RDS Per User CALs", in the current language.</summary>
    public static string Cals(int quantity, string productVersionCode, string calTypeCode) =>
        Texts.Get("Purchase.Cals", quantity, CalsName(productVersionCode, calTypeCode, quantity));

    /// <summary>"Windows Server 2022 RDS Per User CALs" (as many CALs as <paramref name="quantity"/>), in the current language.</summary>
    public static string CalsName(string productVersionCode, string calTypeCode, int quantity = 2)
    {
        var version = CatalogueNames.ProductVersion(productVersionCode) ?? productVersionCode;
        var cals = Catalogue.FindCalType(calTypeCode) is { } calType ? CatalogueNames.Counted(calType, quantity) : calTypeCode;
        return Texts.Get("Purchase.CalsName", version, cals);
    }
}

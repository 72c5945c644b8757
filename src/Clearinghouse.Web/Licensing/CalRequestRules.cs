using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Licensing;

/// <summary>When a CAL request holds enough to be submitted, whatever channel it came through.</summary>
public static class CalRequestRules
{
    public const int MaxRetailLicenseCodes = 20;

    public static bool HasRequest(CalRequest r) =>
        r.TargetLicenseServerId is not null && r.ReasonCode is not null && r.LicenseProgramCode is not null;

    public static bool HasContact(CalRequest r) =>
        r.LastName is not null && r.FirstName is not null && r.CompanyName is not null && r.CountryRegionCode is not null;

    public static bool HasProgramDetails(CalRequest r) =>
        r.ProductVersionCode is not null && r.CalTypeCode is not null && r.Quantity is not null &&
        Catalogue.FindProgram(r.LicenseProgramCode)?.Kind switch
        {
            ProgramKind.RetailPurchase => !string.IsNullOrEmpty(r.RetailLicenseCodes),
            ProgramKind.OpenLicense => r.OpenLicenseNumber is not null && r.OpenLicenseAuthorizationNumber is not null,
            ProgramKind.Agreement => r.AgreementNumber is not null,
            null => false,
        };

    public static bool IsComplete(CalRequest r) => HasRequest(r) && HasContact(r) && HasProgramDetails(r);

    public static IReadOnlyList<string> RetailLicenseCodesOf(CalRequest r) =>
        r.RetailLicenseCodes?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>When the program changes, details that belonged to the old one no longer apply.</summary>
    public static void ClearProgramReferences(CalRequest r)
    {
        r.AgreementNumber = null;
        r.OpenLicenseNumber = null;
        r.OpenLicenseAuthorizationNumber = null;
        r.RetailLicenseCodes = null;
        r.RetailLicenseCodesAreForeign = false;
    }
}

using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// When a CAL request holds enough to be submitted, whatever channel it came through. Each part is a predicate of its
/// own, so that a flow's steps can say which parts they fill (see Pages/Flows); <see cref="IsComplete"/> says which
/// parts each kind of request needs.
/// </summary>
public static class CalRequestRules
{
    public const int MaxRetailLicenseCodes = 20;

    public static bool HasTargetServer(CalRequest r) => r.TargetLicenseServerId is not null;

    /// <summary>The reason for recovery: only a migration (Manage CALs) has one.</summary>
    public static bool HasReason(CalRequest r) => r.ReasonCode is not null;

    public static bool HasProgram(CalRequest r) => r.LicenseProgramCode is not null;

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

    /// <summary>
    /// Whether a request of its kind can be submitted: a key pack request holds all a key pack is made from, an
    /// activation or reactivation all its issuer needs.
    /// </summary>
    public static bool IsComplete(CalRequest r) => r.Kind switch
    {
        RequestKind.ManageCals =>
            HasTargetServer(r) && HasReason(r) && HasProgram(r) && HasContact(r) && HasProgramDetails(r),
        RequestKind.InstallCals => HasTargetServer(r) && HasProgram(r) && HasContact(r) && HasProgramDetails(r),
        RequestKind.ActivateServer => ServerActivation.IsComplete(r),
        RequestKind.ReactivateServer => ServerReactivation.IsComplete(r),
        _ => false,
    };

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

using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The names DESIGN.md gives the fields, in the request's language: used by labels, messages, the review page and the
/// receipt alike. Each is read when it is shown, so a validator built once (a singleton) asks for it at each validation
/// (<c>() => Labels.LastName</c>), never keeps the text of one language.
/// </summary>
public static class Labels
{
    public static string TargetLicenseServerId => Texts.Get("Labels.TargetLicenseServerId");

    public static string LicenseServerId => Texts.Get("Labels.LicenseServerId");

    public static string LicenseServerIdIsCopied => Texts.Get("Labels.LicenseServerIdIsCopied");

    public static string TargetLicenseServerIdIsCopied => LicenseServerIdIsCopied;

    public static string Reason => Texts.Get("Labels.Reason");

    public static string LicenseProgram => Texts.Get("Labels.LicenseProgram");

    public static string LastName => Texts.Get("Labels.LastName");

    public static string FirstName => Texts.Get("Labels.FirstName");

    public static string CompanyName => Texts.Get("Labels.CompanyName");

    public static string CountryRegion => Texts.Get("Labels.CountryRegion");

    public static string OrganizationalUnit => Texts.Get("Labels.OrganizationalUnit");

    public static string StreetAddress => Texts.Get("Labels.StreetAddress");

    public static string City => Texts.Get("Labels.City");

    public static string StateProvince => Texts.Get("Labels.StateProvince");

    public static string PostalCode => Texts.Get("Labels.PostalCode");

    public static string Email => Texts.Get("Labels.Email");

    public static string Phone => Texts.Get("Labels.Phone");

    public static string LicenseCodes => Texts.Get("Labels.LicenseCodes");

    public static string AddLicenseCode => Texts.Get("Labels.AddLicenseCode");

    public static string LicenseCodesAreCopied => Texts.Get("Labels.LicenseCodesAreCopied");

    public static string LicenseNumber => Texts.Get("Labels.LicenseNumber");

    public static string AuthorizationNumber => Texts.Get("Labels.AuthorizationNumber");

    public static string ProductVersion => Texts.Get("Labels.ProductVersion");

    public static string CalType => Texts.Get("Labels.CalType");

    public static string Quantity => Texts.Get("Labels.Quantity");

    public static string KeyPackId => Texts.Get("Labels.KeyPackId");

    public static string Issued => Texts.Get("Labels.Issued");

    /// <summary>The label of one license code field: "License code 1", "License code 2"…</summary>
    public static string LicenseCode(int number) => Texts.Get("Labels.LicenseCode", number);

    /// <summary>The same within a sentence: "license code 2 repeats…".</summary>
    public static string LicenseCodeInSentence(int number) => Texts.Get("Labels.LicenseCodeInSentence", number);
}

using System.Globalization;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>The names DESIGN.md gives the fields: used by labels, messages, the review page and the receipt alike.</summary>
public static class Labels
{
    public const string TargetLicenseServerId = "Target License Server ID";
    public const string LicenseServerId = "License Server ID";
    public const string LicenseServerIdIsCopied = "I copied this ID from the license server; use it as entered";
    public const string TargetLicenseServerIdIsCopied = LicenseServerIdIsCopied;
    public const string Reason = "Reason for recovery";
    public const string LicenseProgram = "License Program";

    public const string LastName = "Last name or surname";
    public const string FirstName = "First name or given name";
    public const string CompanyName = "Company name";
    public const string CountryRegion = "Country/region";
    public const string OrganizationalUnit = "Organizational unit";
    public const string StreetAddress = "Company address";
    public const string City = "City";
    public const string StateProvince = "State/province";
    public const string PostalCode = "Postal code";
    public const string Email = "E-mail";
    public const string Phone = "Phone";

    public const string LicenseCodes = "License codes";
    public const string AddLicenseCode = "Add another code";
    public const string LicenseCodesAreCopied = "I copied these license codes from the License Pack; use them as entered";
    public const string LicenseNumber = "License number";
    public const string AuthorizationNumber = "Authorization number";
    public const string ProductVersion = "Product version";
    public const string CalType = "CAL type";
    public const string Quantity = "Quantity";

    public const string KeyPackId = "License key pack ID";
    public const string Issued = "Issued";

    /// <summary>The label of one license code field: "License code 1", "License code 2"…</summary>
    public static string LicenseCode(int number) => string.Create(CultureInfo.InvariantCulture, $"License code {number}");
}

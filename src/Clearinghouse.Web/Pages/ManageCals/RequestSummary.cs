using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <param name="Value">Null when an optional field was left empty.</param>
public sealed record SummaryRow(string Label, string? Value);

public sealed record SummarySection(string Title, ManageCalsStep Step, IReadOnlyList<SummaryRow> Rows);

/// <summary>A request as people read it back: on the review page, the result page and the receipt alike.</summary>
public static class RequestSummary
{
    public static IReadOnlyList<SummarySection> Of(CalRequest r)
    {
        var program = Catalogue.FindProgram(r.LicenseProgramCode);
        return
        [
            new("Request", ManageCalsStep.Request,
            [
                new(Labels.TargetLicenseServerId, r.TargetLicenseServerId is { } id ? IdFormat.LicenseServerId.Format(id) : null),
                new(Labels.Reason, Catalogue.FindReason(r.ReasonCode)?.Text),
                new(Labels.LicenseProgram, program?.Name),
            ]),
            new("Contact information", ManageCalsStep.Contact,
            [
                new(Labels.LastName, r.LastName),
                new(Labels.FirstName, r.FirstName),
                new(Labels.CompanyName, r.CompanyName),
                new(Labels.CountryRegion, Catalogue.FindCountryRegion(r.CountryRegionCode)?.Name),
                new(Labels.OrganizationalUnit, r.OrganizationalUnit),
                new(Labels.StreetAddress, r.StreetAddress),
                new(Labels.City, r.City),
                new(Labels.StateProvince, r.StateProvince),
                new(Labels.PostalCode, r.PostalCode),
                new(Labels.Email, r.Email),
                new(Labels.Phone, r.Phone),
            ]),
            new("License program details", ManageCalsStep.Program,
            [
                .. ProgramReferenceRows(r, program),
                new(Labels.ProductVersion, Catalogue.FindProductVersion(r.ProductVersionCode)?.Name),
                new(Labels.CalType, Catalogue.FindCalType(r.CalTypeCode)?.Name),
                new(Labels.Quantity, r.Quantity?.ToString("N0", CultureInfo.InvariantCulture)),
            ]),
        ];
    }

    private static IEnumerable<SummaryRow> ProgramReferenceRows(CalRequest r, LicenseProgram? program) => program?.Kind switch
    {
        ProgramKind.RetailPurchase =>
        [
            new(Labels.LicenseCodes, string.Join('\n', CalRequestRules.RetailLicenseCodesOf(r).Select(IdFormat.RetailLicenseCode.Format))),
        ],
        ProgramKind.OpenLicense =>
        [
            new(Labels.LicenseNumber, r.OpenLicenseNumber),
            new(Labels.AuthorizationNumber,
                r.OpenLicenseAuthorizationNumber is { } a ? IdFormat.OpenLicenseAuthorizationNumber.Format(a) : null),
        ],
        ProgramKind.Agreement => [new(program.ReferenceLabel!, r.AgreementNumber)],
        _ => [],
    };
}

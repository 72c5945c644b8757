using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <param name="Value">Null when an optional field was left empty.</param>
/// <param name="IsList">The value is a list, one item per line (license codes); any other value is one line.</param>
public sealed record SummaryRow(string Label, string? Value, bool IsList = false);

/// <param name="Step">The step that changes the section while the request is a draft; null for what was issued.</param>
public sealed record SummarySection(string Title, ManageCalsStep? Step, IReadOnlyList<SummaryRow> Rows);

/// <summary>A request as people read it back: on the review page, and — once issued — on the result page and the receipt.</summary>
public static class RequestSummary
{
    /// <summary>The draft as entered, section by section, as the review page shows it.</summary>
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
            new("Contact information", ManageCalsStep.Contact, ContactRows(r)),
            new("License program details", ManageCalsStep.Program,
            [
                .. ProgramReferenceRows(r, program),
                new(Labels.ProductVersion, Catalogue.FindProductVersion(r.ProductVersionCode)?.Name),
                new(Labels.CalType, Catalogue.FindCalType(r.CalTypeCode)?.Name),
                new(Labels.Quantity, r.Quantity?.ToString("N0", CultureInfo.InvariantCulture)),
            ]),
        ];
    }

    /// <summary>
    /// What was issued, for the result page and the receipt: the CALs, the server and the time come from the key pack
    /// itself — the record — and only what the key pack does not hold (the reason, the proof of purchase, who asked)
    /// from its request, which is frozen once submitted.
    /// </summary>
    /// <param name="keyPack">An issued key pack with its <see cref="KeyPack.Request"/> loaded.</param>
    public static IReadOnlyList<SummarySection> OfIssued(KeyPack keyPack)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        var request = keyPack.Request ?? throw new ArgumentException("The key pack's request is not loaded.", nameof(keyPack));
        var program = Catalogue.FindProgram(keyPack.LicenseProgramCode);
        return
        [
            new("What was issued", null,
            [
                new(Labels.Issued, IssuedAt(keyPack)),
                new(Labels.TargetLicenseServerId, IdFormat.LicenseServerId.Format(keyPack.LicenseServerId)),
                new(Labels.LicenseProgram, program?.Name ?? keyPack.LicenseProgramCode),
                new(Labels.ProductVersion, Catalogue.FindProductVersion(keyPack.ProductVersionCode)?.Name ?? keyPack.ProductVersionCode),
                new(Labels.CalType, Catalogue.FindCalType(keyPack.CalTypeCode)?.Name ?? keyPack.CalTypeCode),
                new(Labels.Quantity, keyPack.Quantity.ToString("N0", CultureInfo.InvariantCulture)),
            ]),
            new("Request", null,
            [
                new(Labels.Reason, Catalogue.FindReason(request.ReasonCode)?.Text),
                .. ProgramReferenceRows(request, program),
            ]),
            new("Contact information", null, ContactRows(request)),
        ];
    }

    /// <summary>The issue time as the result page and the receipt show it: UTC, the same for every reader.</summary>
    public static string IssuedAt(KeyPack keyPack)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        return keyPack.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
    }

    private static SummaryRow[] ContactRows(CalRequest r) =>
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
    ];

    private static IEnumerable<SummaryRow> ProgramReferenceRows(CalRequest r, LicenseProgram? program) => program?.Kind switch
    {
        ProgramKind.RetailPurchase =>
        [
            new(Labels.LicenseCodes,
                string.Join('\n', CalRequestRules.RetailLicenseCodesOf(r).Select(IdFormat.RetailLicenseCode.Format)),
                IsList: true),
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

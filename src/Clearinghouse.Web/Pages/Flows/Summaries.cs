using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.Flows;

/// <param name="Value">Null when an optional field was left empty.</param>
/// <param name="IsList">The value is a list, one item per line (license codes); any other value is one line.</param>
public sealed record SummaryRow(string Label, string? Value, bool IsList = false);

/// <param name="StepKey">The key of the step that changes the section while the request is a draft; null for what was issued.</param>
public sealed record SummarySection(string Title, string? StepKey, IReadOnlyList<SummaryRow> Rows);

/// <summary>What _SummarySections shows: the sections, and — for a draft — the flow and request its Change links go to.</summary>
public sealed record SummaryView(IReadOnlyList<SummarySection> Sections, Flow? Flow = null, Guid? EditId = null);

/// <summary>
/// The parts a flow's summary is made of: a request as people read it back on the review page, and — once issued — on
/// the result page and the receipt. Each flow puts its own sections together from these (see its declaration). Labels,
/// catalogue names, quantities and dates are in the reader's language; IDs and codes are the same in every language.
/// </summary>
public static class SummaryRows
{
    public static IReadOnlyList<SummaryRow> Contact(CalRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return
        [
            new(Labels.LastName, r.LastName),
            new(Labels.FirstName, r.FirstName),
            new(Labels.CompanyName, r.CompanyName),
            new(Labels.CountryRegion, CatalogueNames.CountryRegion(r.CountryRegionCode)),
            new(Labels.OrganizationalUnit, r.OrganizationalUnit),
            new(Labels.StreetAddress, r.StreetAddress),
            new(Labels.City, r.City),
            new(Labels.StateProvince, r.StateProvince),
            new(Labels.PostalCode, r.PostalCode),
            new(Labels.Email, r.Email),
            new(Labels.Phone, r.Phone),
        ];
    }

    /// <summary>A License Server ID as typed on a draft, in groups; null while not given.</summary>
    public static string? ServerId(string? id) => id is null ? null : IdFormat.LicenseServerId.Format(id);

    /// <summary>The license program details step as entered: the proof of purchase, then the CALs.</summary>
    public static IReadOnlyList<SummaryRow> ProgramDetails(CalRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return
        [
            .. ProgramReferences(r, Catalogue.FindProgram(r.LicenseProgramCode)),
            new(Labels.ProductVersion, CatalogueNames.ProductVersion(r.ProductVersionCode)),
            new(Labels.CalType, CatalogueNames.CalType(r.CalTypeCode)),
            new(Labels.Quantity, r.Quantity?.ToString("N0", CultureInfo.CurrentCulture)),
        ];
    }

    /// <summary>The proof of purchase the request's program asks for: license codes, an Open License, an agreement number.</summary>
    public static IReadOnlyList<SummaryRow> ProgramReferences(CalRequest r, LicenseProgram? program)
    {
        ArgumentNullException.ThrowIfNull(r);
        return program?.Kind switch
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
            ProgramKind.Agreement => [new(CatalogueNames.ReferenceLabel(program), r.AgreementNumber)],
            _ => [],
        };
    }

    /// <summary>
    /// What a key pack holds, for the result page and the receipt: the CALs, the server and the time come from the key
    /// pack itself — the record — not from the request.
    /// </summary>
    /// <param name="serverLabel">What the flow calls the server, e.g. "Target License Server ID".</param>
    public static IReadOnlyList<SummaryRow> Issued(KeyPack keyPack, string serverLabel)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        return
        [
            new(Labels.Issued, IssuedAt(keyPack)),
            new(serverLabel, IdFormat.LicenseServerId.Format(keyPack.LicenseServerId)),
            new(Labels.LicenseProgram, CatalogueNames.Program(keyPack.LicenseProgramCode) ?? keyPack.LicenseProgramCode),
            new(Labels.ProductVersion, CatalogueNames.ProductVersion(keyPack.ProductVersionCode) ?? keyPack.ProductVersionCode),
            new(Labels.CalType, CatalogueNames.CalType(keyPack.CalTypeCode) ?? keyPack.CalTypeCode),
            new(Labels.Quantity, keyPack.Quantity.ToString("N0", CultureInfo.CurrentCulture)),
        ];
    }

    /// <summary>
    /// The issue time as the result page and the receipt show it: in UTC, the same moment for every reader, written as
    /// the reader's language writes dates and times ("2026-11-28 16:20:44 UTC", "28.11.2026 16:20:44 UTC").
    /// </summary>
    public static string IssuedAt(KeyPack keyPack)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        return Time(keyPack.IssuedAt);
    }

    /// <summary>A moment in UTC, as the reader's language writes dates and times (its short date and long time).</summary>
    public static string Time(DateTimeOffset time) => Texts.Get("Summary.TimeUtc", time.UtcDateTime);

    /// <summary>The key pack of a submitted request, loaded with it.</summary>
    public static KeyPack KeyPackOf(CalRequest submitted)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return submitted.KeyPack
            ?? throw new ArgumentException("The request has no key pack, or it is not loaded.", nameof(submitted));
    }
}

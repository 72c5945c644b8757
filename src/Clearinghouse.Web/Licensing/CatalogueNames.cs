using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// The catalogue as people read it, in the request's language. The catalogue — and the database seeded from it — keeps
/// codes and English names, the same for every reader; what a page, message or receipt shows is looked up here by
/// code, when it is shown. Product names ("Windows Server 2022", "Enterprise Agreement", "VDI Suite") read the same in
/// every language; the rest is translated.
/// </summary>
/// <remarks>
/// Texts are in Resources/Texts*.resx under "Catalogue.{kind}.{code}"; countries and regions, generated from Debian's
/// iso-codes, in Resources/Countries*.resx under their ISO code (see tools/countries-resx.py).
/// </remarks>
public static class CatalogueNames
{
    private static readonly ResourceManager Countries = new("Clearinghouse.Web.Resources.Countries", typeof(CatalogueNames).Assembly);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<CountryRegion>> CountriesByCulture = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> CountryOptionsByCulture = new(StringComparer.Ordinal);

    public static string Of(LicenseProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Texts.Get($"Catalogue.Program.{program.Code}");
    }

    public static string Of(ProductVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Texts.Get($"Catalogue.ProductVersion.{version.Code}");
    }

    public static string Of(CalType calType)
    {
        ArgumentNullException.ThrowIfNull(calType);
        return Texts.Get($"Catalogue.CalType.{calType.Code}");
    }

    public static string Of(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Texts.Get($"Catalogue.Reason.{reason.Code}");
    }

    public static string Of(SourceOperatingSystem operatingSystem)
    {
        ArgumentNullException.ThrowIfNull(operatingSystem);
        return Texts.Get($"Catalogue.OperatingSystem.{operatingSystem.Code}");
    }

    public static string Of(CountryRegion country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return Countries.GetString(country.Code, CultureInfo.CurrentUICulture)
            ?? throw new MissingManifestResourceException($"No name for the country or region '{country.Code}' in Resources/Countries.resx.");
    }

    /// <summary>
    /// CALs of a CAL type counted: "RDS Per User CALs" (or "RDS Per User CAL" for one), "VDI Suite CALs", as
    /// languages count them differently.
    /// </summary>
    public static string Counted(CalType calType, int quantity)
    {
        ArgumentNullException.ThrowIfNull(calType);
        return Texts.Get(quantity == 1 ? $"Catalogue.CalType.{calType.Code}.One" : $"Catalogue.CalType.{calType.Code}.Many");
    }

    /// <summary>What an agreement program calls its number, as a label: "Agreement number", "Enrollment number".</summary>
    public static string ReferenceLabel(LicenseProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Texts.Get($"Catalogue.Program.{program.Code}.Reference");
    }

    /// <summary>The same within a sentence: "Enter the enrollment number."</summary>
    public static string ReferenceInSentence(LicenseProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Texts.Get($"Catalogue.Program.{program.Code}.ReferenceInSentence");
    }

    public static string? Program(string? code) => Catalogue.FindProgram(code) is { } program ? Of(program) : null;

    public static string? ProductVersion(string? code) => Catalogue.FindProductVersion(code) is { } version ? Of(version) : null;

    public static string? CalType(string? code) => Catalogue.FindCalType(code) is { } calType ? Of(calType) : null;

    public static string? Reason(string? code) => Catalogue.FindReason(code) is { } reason ? Of(reason) : null;

    public static string? OperatingSystem(string? code) => Catalogue.FindOperatingSystem(code) is { } os ? Of(os) : null;

    public static string? CountryRegion(string? code) => Catalogue.FindCountryRegion(code) is { } country ? Of(country) : null;

    /// <summary>The countries and regions sorted by their names in the current language, as a list to choose from shows them.</summary>
    public static IReadOnlyList<CountryRegion> CountriesRegionsSorted()
    {
        var culture = CultureInfo.CurrentUICulture;
        return CountriesByCulture.GetOrAdd(culture.Name, _ =>
        {
            var comparer = StringComparer.Create(culture, ignoreCase: true);
            return [.. Catalogue.CountriesRegions.OrderBy(Of, comparer)];
        });
    }

    /// <summary>
    /// The options of a country or region list in the current language, as HTML, with <paramref name="chosen"/>
    /// selected: built once per language with the page's encoder. Through the option tag helper the 250 options cost
    /// about a millisecond and a half on every contact page (measured per request with one client).
    /// </summary>
    public static IHtmlContent CountryRegionOptions(string? chosen, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var options = CountryOptionsByCulture.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => string.Concat(
            CountriesRegionsSorted().Select(c => $"<option value=\"{encoder.Encode(c.Code)}\">{encoder.Encode(Of(c))}</option>")));
        if (string.IsNullOrEmpty(chosen))
        {
            return new HtmlString(options);
        }

        var option = $"<option value=\"{encoder.Encode(chosen)}\">";
        return new HtmlString(options.Replace(option, $"<option value=\"{encoder.Encode(chosen)}\" selected=\"selected\">", StringComparison.Ordinal));
    }
}

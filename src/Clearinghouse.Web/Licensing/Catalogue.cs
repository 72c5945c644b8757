using System.Collections.Frozen;

namespace Clearinghouse.Web.Licensing;

/// <summary>What a license program asks for as proof of purchase.</summary>
public enum ProgramKind
{
    RetailPurchase,
    OpenLicense,
    Agreement,
}

public enum ReasonPurpose
{
    Recovery,
    Reactivation,
}

/// <param name="ReferenceLabel">The name of the agreement field for agreement programs ("Enrollment number" …).</param>
public sealed record LicenseProgram(string Code, string Name, ProgramKind Kind, int SortOrder, string? ReferenceLabel);

/// <param name="Rank">Older versions rank lower: a license server accepts CALs of its own rank or lower.</param>
public sealed record ProductVersion(string Code, string Name, int Rank);

public sealed record CalType(string Code, string Name, int SortOrder);

public sealed record ProductVersionCalType(string ProductVersionCode, string CalTypeCode);

public sealed record Reason(string Code, ReasonPurpose Purpose, string Text, int SortOrder);

/// <param name="ProductVersionCode">The newest CAL version a license server on this operating system accepts.</param>
public sealed record SourceOperatingSystem(string Code, string Name, int Rank, string ProductVersionCode);

/// <param name="PhoneNumber">The clearinghouse number shown to callers from there; the lab can change it.</param>
public sealed record CountryRegion(string Code, string Name, string CallingCode, string PhoneNumber);

/// <summary>
/// The product catalogue, in one place. The database is seeded from here (so a change shows up as a migration and
/// is versioned with the schema) and pages read it from here. Names here are English and stay as seeded; what people
/// read, in their language, is looked up by code in <see cref="CatalogueNames"/>.
/// </summary>
public static class Catalogue
{
    public const int MinQuantity = 1;

    public const int MaxQuantity = 9_999;

    public static IReadOnlyList<LicenseProgram> Programs { get; } =
    [
        new("license-pack", "License Pack (Retail Purchase)", ProgramKind.RetailPurchase, 1, null),
        new("open-license", "Open License", ProgramKind.OpenLicense, 2, null),
        new("select-license", "Select License", ProgramKind.Agreement, 3, "Agreement number"),
        new("enterprise-agreement", "Enterprise Agreement", ProgramKind.Agreement, 4, "Enrollment number"),
        new("campus-agreement", "Campus Agreement", ProgramKind.Agreement, 5, "Agreement number"),
        new("school-agreement", "School Agreement", ProgramKind.Agreement, 6, "Agreement number"),
        new("services-provider-license-agreement", "Services Provider License Agreement", ProgramKind.Agreement, 7, "Agreement number"),
        new("other-agreement", "Other Agreement", ProgramKind.Agreement, 8, "Agreement number"),
    ];

    public static IReadOnlyList<ProductVersion> ProductVersions { get; } =
    [
        new("windows-server-2025", "Windows Server 2025", 2025),
        new("windows-server-2022", "Windows Server 2022", 2022),
        new("windows-server-2019", "Windows Server 2019", 2019),
        new("windows-server-2016", "Windows Server 2016", 2016),
        new("windows-server-2012", "Windows Server 2012 (and 2012 R2)", 2012),
        new("windows-server-2008-r2", "Windows Server 2008 R2 and earlier", 2008),
    ];

    public static IReadOnlyList<CalType> CalTypes { get; } =
    [
        new("rds-per-device", "RDS Per Device CAL", 1),
        new("rds-per-user", "RDS Per User CAL", 2),
        new("ts-rds-per-device", "TS/RDS Per Device CAL", 3),
        new("ts-rds-per-user", "TS/RDS Per User CAL", 4),
        new("vdi-standard", "VDI Standard", 5),
        new("vdi-premium", "VDI Premium", 6),
        new("vdi-suite", "VDI Suite", 7),
    ];

    public static IReadOnlyList<ProductVersionCalType> ProductVersionCalTypes { get; } = BuildProductVersionCalTypes();

    public static IReadOnlyList<Reason> Reasons { get; } =
    [
        new("replaced", ReasonPurpose.Recovery, "The source license server is being replaced by this license server", 1),
        new("not-functioning", ReasonPurpose.Recovery, "The source license server is no longer functioning", 2),
        new("redeployed", ReasonPurpose.Reactivation, "The license server has been redeployed", 1),
        new("certificate-corrupt", ReasonPurpose.Reactivation, "The license server certificate is corrupt", 2),
        new("private-key-compromised", ReasonPurpose.Reactivation, "The private key has been compromised", 3),
        new("activation-key-expired", ReasonPurpose.Reactivation, "The activation key has expired", 4),
        new("upgraded", ReasonPurpose.Reactivation, "The license server has been upgraded", 5),
    ];

    public static IReadOnlyList<SourceOperatingSystem> SourceOperatingSystems { get; } =
    [
        new("windows-server-2003", "Windows Server 2003", 2003, "windows-server-2008-r2"),
        new("windows-server-2008", "Windows Server 2008", 2008, "windows-server-2008-r2"),
        new("windows-server-2008-r2", "Windows Server 2008 R2", 2009, "windows-server-2008-r2"),
        new("windows-server-2012", "Windows Server 2012", 2012, "windows-server-2012"),
        new("windows-server-2012-r2", "Windows Server 2012 R2", 2013, "windows-server-2012"),
        new("windows-server-2016", "Windows Server 2016", 2016, "windows-server-2016"),
        new("windows-server-2019", "Windows Server 2019", 2019, "windows-server-2019"),
        new("windows-server-2022", "Windows Server 2022", 2022, "windows-server-2022"),
        new("windows-server-2025", "Windows Server 2025", 2025, "windows-server-2025"),
    ];

    /// <summary>The ISO 3166-1 list, sorted by name, from the countries.tsv file beside this one.</summary>
    public static IReadOnlyList<CountryRegion> CountriesRegions { get; } = LoadCountries();

    public static IEnumerable<Reason> RecoveryReasons => Reasons.Where(r => r.Purpose == ReasonPurpose.Recovery);

    public static LicenseProgram? FindProgram(string? code) => Find(ProgramsByCode, code);

    public static ProductVersion? FindProductVersion(string? code) => Find(ProductVersionsByCode, code);

    public static CalType? FindCalType(string? code) => Find(CalTypesByCode, code);

    public static Reason? FindReason(string? code) => Find(ReasonsByCode, code);

    public static CountryRegion? FindCountryRegion(string? code) => Find(CountriesByCode, code);

    public static SourceOperatingSystem? FindOperatingSystem(string? code) => Find(OperatingSystemsByCode, code);

    /// <summary>
    /// Whether CALs of <paramref name="calVersion"/> are newer than <paramref name="serverVersion"/>, the newest a
    /// license server accepts; false when either is unknown.
    /// </summary>
    public static bool IsNewerThan(string? calVersion, string? serverVersion) =>
        FindProductVersion(calVersion) is { } cal && FindProductVersion(serverVersion) is { } server && cal.Rank > server.Rank;

    public static bool IsCalTypeSoldFor(string? productVersionCode, string? calTypeCode) =>
        productVersionCode is not null && calTypeCode is not null &&
        CalTypesByVersion.TryGetValue(productVersionCode, out var types) && types.Contains(calTypeCode);

    public static IEnumerable<CalType> CalTypesFor(string productVersionCode) =>
        CalTypes.Where(t => IsCalTypeSoldFor(productVersionCode, t.Code));

    private static readonly FrozenDictionary<string, LicenseProgram> ProgramsByCode = Programs.ToFrozenDictionary(p => p.Code);

    private static readonly FrozenDictionary<string, ProductVersion> ProductVersionsByCode = ProductVersions.ToFrozenDictionary(v => v.Code);

    private static readonly FrozenDictionary<string, CalType> CalTypesByCode = CalTypes.ToFrozenDictionary(t => t.Code);

    private static readonly FrozenDictionary<string, Reason> ReasonsByCode = Reasons.ToFrozenDictionary(r => r.Code);

    private static readonly FrozenDictionary<string, SourceOperatingSystem> OperatingSystemsByCode =
        SourceOperatingSystems.ToFrozenDictionary(o => o.Code);

    private static readonly FrozenDictionary<string, CountryRegion> CountriesByCode = CountriesRegions.ToFrozenDictionary(c => c.Code);

    private static readonly FrozenDictionary<string, FrozenSet<string>> CalTypesByVersion = ProductVersionCalTypes
        .GroupBy(x => x.ProductVersionCode)
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.CalTypeCode).ToFrozenSet());

    private static T? Find<T>(FrozenDictionary<string, T> items, string? code)
        where T : class => code is not null && items.TryGetValue(code, out var item) ? item : null;

    private static ProductVersionCalType[] BuildProductVersionCalTypes()
    {
        string[] current = ["rds-per-device", "rds-per-user", "vdi-suite"];
        string[] legacy = ["ts-rds-per-device", "ts-rds-per-user", "vdi-standard", "vdi-premium", "vdi-suite"];
        return
        [
            .. ProductVersions
                .SelectMany(v => (v.Code == "windows-server-2008-r2" ? legacy : current)
                    .Select(t => new ProductVersionCalType(v.Code, t))),
        ];
    }

    private static CountryRegion[] LoadCountries()
    {
        using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream("Clearinghouse.Web.Licensing.countries.tsv")
            ?? throw new InvalidOperationException("The countries.tsv resource is missing from the build.");
        using var reader = new StreamReader(stream);
        var countries = new List<CountryRegion>(250);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t');
            countries.Add(new CountryRegion(fields[0], fields[1], fields[2], DefaultPhoneNumber(fields[2])));
        }

        return [.. countries];
    }

    // A placeholder in the shape of a real number, never a real clearinghouse line.
    private static string DefaultPhoneNumber(string callingCode) => $"+{callingCode} 555 0100";
}

using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Localization;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Tests.Localization;

/// <summary>
/// The keys the code uses and the texts the resources hold agree: the source of the portal is read, every key named in
/// it must have a text, and every text must be used — by a key named in the source, or by one of the families of keys
/// the code builds from data (the catalogue's codes, the ID formats, the flows' steps), each checked here whole.
/// </summary>
/// <remarks>
/// A key is "named in the source" when it appears as the string literal of <c>Texts.Get("…")</c>, <c>T["…"]</c> or
/// <c>H["…"]</c>, or as any string literal whose first segment is one of the resources' areas ("Rules.…",
/// "Flows.Step.…"): keys chosen in a conditional, passed to a helper or declared in a flow are literals too. Comments
/// are not read. The API is machine-facing and English by design (see README), so Api/ is not read for keys.
/// </remarks>
public sealed partial class TextKeysTests
{
    private static readonly Lazy<IReadOnlyList<SourceFile>> Sources = new(ReadSources);

    private static readonly Lazy<HashSet<string>> Keys = new(() => [.. Entries(Texts.ResourceManager, CultureInfo.InvariantCulture).Keys]);

    [Fact]
    public void EveryKeyNamedInTheSource_HasAText()
    {
        Assert.NotEmpty(Named());
        Assert.Empty(Named()
            .Where(named => !Keys.Value.Contains(named.Key))
            .Select(named => $"{named.File}: '{named.Key}' has no text in Resources/Texts.resx"));
    }

    [Fact]
    public void EveryText_IsUsed()
    {
        var used = Named().Select(named => named.Key).Concat(BuiltFromData()).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(Keys.Value.Where(key => !used.Contains(key)).Order(StringComparer.Ordinal)
            .Select(key => $"'{key}' is in Resources/Texts.resx but nothing uses it"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryCatalogueEntry_IsNamed_InEveryLanguage(string language) =>
        SiteLanguage.In(language, () =>
        {
            Assert.All(Catalogue.Programs, p => Assert.NotEmpty(CatalogueNames.Of(p)));
            Assert.All(Catalogue.Programs.Where(p => p.Kind == ProgramKind.Agreement), p =>
            {
                Assert.NotEmpty(CatalogueNames.ReferenceLabel(p));
                Assert.NotEmpty(CatalogueNames.ReferenceInSentence(p));
            });
            Assert.All(Catalogue.ProductVersions, v => Assert.NotEmpty(CatalogueNames.Of(v)));
            Assert.All(Catalogue.CalTypes, t => Assert.NotEmpty(CatalogueNames.Of(t) + CatalogueNames.Counted(t, 1) + CatalogueNames.Counted(t, 2)));
            Assert.All(Catalogue.Reasons, r => Assert.NotEmpty(CatalogueNames.Of(r)));
            Assert.All(Catalogue.SourceOperatingSystems, o => Assert.NotEmpty(CatalogueNames.Of(o)));
            Assert.All(Catalogue.CountriesRegions, c => Assert.NotEmpty(CatalogueNames.Of(c)));
            return true;
        });

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryIdFormat_IsNamed_AndThoseIssuedHereSayWhich_InEveryLanguage(string language) =>
        SiteLanguage.In(language, () =>
        {
            Assert.All(IdFormat.All, format => Assert.NotEmpty(format.Name));
            Assert.All(IdFormat.All.Where(format => format.CheckCharacters), format => Assert.NotEmpty(format.IssuedHerePlural));
            return true;
        });

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryFlow_AndEveryStep_IsNamed_AndEveryStepReadBackHasAChangeLink_InEveryLanguage(string language) =>
        SiteLanguage.In(language, () =>
        {
            Assert.All(FlowRegistry.All, flow =>
            {
                Assert.NotEmpty(flow.Title);
                Assert.All(flow.AllSteps, step => Assert.NotEmpty(step.Title));
                Assert.All(flow.Steps, step => Assert.NotEmpty(Texts.Get(step.ChangeKey)));
            });
            return true;
        });

    /// <summary>The country and region names are generated for every language (tools/countries-resx.py) from one list.</summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void Countries_HaveTheSameCodesInEveryLanguage_AsTheCatalogue(string language)
    {
        var countries = new ResourceManager("Clearinghouse.Web.Resources.Countries", typeof(Texts).Assembly);
        var codes = Catalogue.CountriesRegions.Select(c => c.Code).Order(StringComparer.Ordinal);

        Assert.Equal(codes, Entries(countries, CultureInfo.GetCultureInfo(language == SiteCultures.Default ? "" : language)).Keys
            .Order(StringComparer.Ordinal));
        Assert.Equal(
            Catalogue.CountriesRegions.Select(c => (c.Code, c.Name)),
            Catalogue.CountriesRegions.Select(c => (c.Code, SiteLanguage.In(SiteCultures.Default, () => CatalogueNames.Of(c)))));
    }

    public static TheoryData<string> Languages => [.. SiteCultures.Supported.Select(s => s.Culture.Name)];

    /// <summary>The keys the code builds from data, each family whole (the tests above look every one up).</summary>
    private static IEnumerable<string> BuiltFromData() =>
    [
        .. Catalogue.Programs.Select(p => $"Catalogue.Program.{p.Code}"),
        .. Catalogue.Programs.Where(p => p.Kind == ProgramKind.Agreement)
            .SelectMany(p => new[] { $"Catalogue.Program.{p.Code}.Reference", $"Catalogue.Program.{p.Code}.ReferenceInSentence" }),
        .. Catalogue.ProductVersions.Select(v => $"Catalogue.ProductVersion.{v.Code}"),
        .. Catalogue.CalTypes.SelectMany(t => new[]
            { $"Catalogue.CalType.{t.Code}", $"Catalogue.CalType.{t.Code}.One", $"Catalogue.CalType.{t.Code}.Many" }),
        .. Catalogue.Reasons.Select(r => $"Catalogue.Reason.{r.Code}"),
        .. Catalogue.SourceOperatingSystems.Select(o => $"Catalogue.OperatingSystem.{o.Code}"),
        .. IdFormat.All.Select(f => $"IdFormat.{f.Key}.Name"),
        .. IdFormat.All.Where(f => f.CheckCharacters).Select(f => $"IdFormat.{f.Key}.IssuedHere"),
        .. FlowRegistry.All.SelectMany(flow => flow.Steps).Select(step => step.ChangeKey),
        .. Clearinghouse.Web.Auditing.AuditActions.All.Select(action => $"Audit.Action.{action}"),
    ];

    /// <summary>Every key named in the source, with the file that names it.</summary>
    private static IReadOnlyList<(string File, string Key)> Named()
    {
        var areas = Keys.Value.Select(key => key[..key.IndexOf('.', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. Sources.Value.SelectMany(source =>
                Lookup().Matches(source.Text).Select(m => m.Groups["key"].Value)
                    .Concat(Literal().Matches(source.Text).Select(m => m.Groups["key"].Value)
                        .Where(key => areas.Contains(key[..key.IndexOf('.', StringComparison.Ordinal)])))
                    .Distinct(StringComparer.Ordinal)
                    .Select(key => (source.File, key))),
        ];
    }

    private static Dictionary<string, string> Entries(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty);
    }

    private static IReadOnlyList<SourceFile> ReadSources()
    {
        var web = Repository.PathOf("src/Clearinghouse.Web");
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(web, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal) &&
                !path.StartsWith("Api/", StringComparison.Ordinal) && !path.Contains("/Migrations/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("Pages/Flows/_ProgramFields.cshtml", files);
        return [.. files.Select(file => new SourceFile(file, WithoutComments(File.ReadAllText(Path.Combine(web, file)))))];
    }

    private static string WithoutComments(string text) => Comment().Replace(text, string.Empty);

    private sealed record SourceFile(string File, string Text);

    // Texts.Get("Key", …), T["Key"…], H["Key"…].
    [GeneratedRegex("""(?:\bTexts\.Get\(|(?<![\w.])[TH]\[)\s*"(?<key>[^"]+)"\s*[,)\]]""")]
    private static partial Regex Lookup();

    // "Area.Key.Name": two or more dotted segments, the first capitalised.
    [GeneratedRegex("""(?<![\w$@])"(?<key>[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9-]+)+)"(?!\w)""")]
    private static partial Regex Literal();

    // C# line comments (///, //) and Razor comments (@* … *@); not "//" inside a string such as a URL.
    [GeneratedRegex("""@\*.*?\*@|(?<![:"'/])//.*?$""", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Comment();
}

using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Localization;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Tests.Localization;

/// <summary>Every text exists in every language the site offers, with the same placeholders.</summary>
public sealed partial class TextsTests
{
    public static TheoryData<string> Translations => [.. SiteCultures.Supported.Select(s => s.Culture.Name).Where(n => n != SiteCultures.Default)];

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryText_IsTranslated_WithTheSamePlaceholders(string language)
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(language));

        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(translated.Keys).Select(key => $"{key} is missing in Texts.{language}.resx"));
        Assert.Empty(translated.Keys.Except(english.Keys).Select(key => $"{key} is in Texts.{language}.resx but not in Texts.resx"));
        Assert.Empty(translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{t.Key} is empty in {language}"));
        Assert.Empty(english.Keys
            .Where(key => !Placeholders(english[key]).SetEquals(Placeholders(translated[key])))
            .Select(key => $"{key}: {language} has placeholders {string.Join(",", Placeholders(translated[key]))}, English {string.Join(",", Placeholders(english[key]))}"));
    }

    [Fact]
    public void Get_InTheCurrentLanguage_FillsInTheArguments()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            Assert.Equal("Sprache", Texts.Get("Layout.Language"));
            Assert.Equal("Seite – Clearinghouse", Texts.Get("Layout.TitleSuffix", "Seite"));
            Assert.Throws<MissingManifestResourceException>(() => Texts.Get("No.Such.Text"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("{0}を入力してください。", "ライセンス サーバー ID", "ライセンス サーバー ID を入力してください。")]
    [InlineData("{0}を入力してください。", "認証番号", "認証番号を入力してください。")]
    [InlineData("{0}の{1}文字目", "姓", "姓の 3 文字目")]
    [InlineData("「{0}」をオンにしてください。", "ID", "「ID」をオンにしてください。")]
    [InlineData("Enter the {0}.", "認証番号", "Enter the 認証番号.")]
    [InlineData("{0}: {1}", "CAL の管理", "CAL の管理: 3")]
    public void Format_PutsASpaceWhereAnArgumentsLettersOrDigitsMeetJapanese(string template, string first, string expected)
    {
        Assert.Equal(expected, SiteLanguage.In("ja", () => Texts.Format(template, first, 3)));
    }

    [Fact]
    public void Format_FormatsNumbersAndDatesInTheCurrentCulture()
    {
        var moment = new DateTime(2026, 11, 28, 16, 20, 44, DateTimeKind.Utc);

        Assert.Equal("1,500 – 2026-11-28 16:20:44", SiteLanguage.In("en", () => Texts.Format("{0:N0} – {1:G}", 1500, moment)));
        Assert.Equal("1.500 – 28.11.2026 16:20:44", SiteLanguage.In("de", () => Texts.Format("{0:N0} – {1:G}", 1500, moment)));
        Assert.Equal("1,500 – 2026/11/28 16:20:44", SiteLanguage.In("ja", () => Texts.Format("{0:N0} – {1:G}", 1500, moment)));
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Texts.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}

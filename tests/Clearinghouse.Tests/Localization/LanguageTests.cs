using System.Net;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Localization;

/// <summary>How a page's language is chosen: ?lang= (remembered), then the cookie, then Accept-Language, then English.</summary>
public sealed class LanguageTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public async Task Page_WithoutAPreference_IsInEnglish()
    {
        var page = await HtmlPage.GetAsync(factory.CreatePageClient(), "/");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Lang_InTheAddress_ChoosesTheLanguageAndIsRemembered()
    {
        var client = factory.CreatePageClient();

        var chosen = await HtmlPage.GetAsync(client, "/?lang=de");
        var later = await HtmlPage.GetAsync(client, "/manage-cals");

        Assert.Equal("de", chosen.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Zum Hauptinhalt springen", chosen.Document.QuerySelector(".skip-link")!.TextContent);
        Assert.Equal("de", later.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("true", chosen.Document.QuerySelector(".languages a[lang='de']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task AcceptLanguage_ChoosesTheLanguage_WhenNoneWasPicked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("ja-JP,ja;q=0.9,en;q=0.5");

        var response = await factory.CreatePageClient().SendAsync(request);
        var page = await HtmlPage.ReadAsync(factory.CreatePageClient(), response);

        Assert.Equal("ja", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Lang_ThatIsNotOffered_IsIgnoredAndNotRemembered()
    {
        var response = await factory.CreatePageClient().GetAsync("/?lang=xx");
        var page = await HtmlPage.ReadAsync(factory.CreatePageClient(), response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.False(response.Headers.Contains("Set-Cookie") &&
                     response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LanguagePicker_LinksEveryLanguageNamedInItself()
    {
        var page = await HtmlPage.GetAsync(factory.CreatePageClient(), "/manage-cals");

        var links = page.Document.QuerySelectorAll(".languages a")
            .Select(a => (a.GetAttribute("lang"), a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal(
            [("en", "/manage-cals?lang=en", "English"), ("de", "/manage-cals?lang=de", "Deutsch"), ("ja", "/manage-cals?lang=ja", "日本語")],
            links);
    }
}

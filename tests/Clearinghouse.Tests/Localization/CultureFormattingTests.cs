using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clearinghouse.Tests.Localization;

/// <summary>
/// Numbers and dates a person reads follow the chosen language; quantities are typed as it groups thousands; IDs and
/// codes, the API and the file names stay the same in every language.
/// </summary>
public sealed partial class CultureFormattingTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Theory]
    [InlineData("de", "1.500", 1500)]
    [InlineData("de", " 12.345 ", 12345)]
    [InlineData("de", "1500", 1500)]
    [InlineData("en", "1,500", 1500)]
    [InlineData("en", "1500", 1500)]
    [InlineData("ja", "1,500", 1500)]
    public void Quantity_InTheLanguagesGrouping_OrPlainDigits_IsRead(string language, string typed, int quantity) =>
        Assert.Equal(quantity, Quantities.Parse(typed, SiteLanguage.Culture(language)));

    /// <summary>Issue 5's rule in every language: a decimal separator or the other languages' grouping is never read.</summary>
    [Theory]
    [InlineData("de", "1,500")]
    [InlineData("de", "1,5")]
    [InlineData("de", "1.5")]
    [InlineData("de", "1.50")]
    [InlineData("de", "1.5000")]
    [InlineData("de", "1 500")]
    [InlineData("en", "1.500")]
    [InlineData("en", "1,5")]
    [InlineData("ja", "1.500")]
    [InlineData("ja", "１５００")]
    public void Quantity_InAnyOtherShape_IsNotRead(string language, string typed)
    {
        Assert.False(Quantities.IsWellFormed(typed, SiteLanguage.Culture(language)));
        Assert.Null(Quantities.Parse(typed, SiteLanguage.Culture(language)));
    }

    [Fact]
    public void QuantityMessages_GiveTheExamplesAsTheLanguageWritesThem()
    {
        var validator = new ProgramInputValidator(LicensingModeSource.Fixed(LicensingMode.Lenient));
        var input = new ProgramInput { Program = Catalogue.FindProgram("enterprise-agreement")!, AgreementNumber = "1234567",
            ProductVersionCode = "windows-server-2022", CalTypeCode = "rds-per-user", Quantity = "1,5" };

        string Message(string language) => SiteLanguage.In(language, () => Assert.Single(validator.Validate(input).Errors).ErrorMessage);

        Assert.Equal("Geben Sie die Anzahl als ganze Zahl ein, zum Beispiel 25 oder 1.500; ein Punkt steht nur zwischen Tausendern.",
            Message("de"));
        Assert.Equal("Enter the quantity as a whole number, for example 25 or 1,500; use a comma only between thousands.", Message("en"));
        Assert.Equal("The quantity must be from 1 to 9,999 CALs per key pack.",
            SiteLanguage.In("en", () => Assert.Single(validator.Validate(input with { Quantity = "10000" }).Errors).ErrorMessage));
        Assert.Equal("Die Anzahl muss zwischen 1 und 9.999 CALs je Lizenzschlüsselpaket liegen.",
            SiteLanguage.In("de", () => Assert.Single(validator.Validate(input with { Quantity = "10.000" }).Errors).ErrorMessage));
    }

    /// <summary>A validator is built once, for every request: it must speak the language of each validation, not the first.</summary>
    [Fact]
    public void OneValidator_SpeaksTheLanguageOfEachValidation()
    {
        var validator = new ContactInputValidator();
        var input = new ContactInput { FirstName = "Anna", CompanyName = "Contoso", CountryRegionCode = "DE", City = "Köln\tNord" };

        string[] Messages(string language) =>
            SiteLanguage.In(language, () => validator.Validate(input).Errors.Select(e => e.ErrorMessage).ToArray());

        Assert.Equal(["Geben Sie Ihren Nachnamen ein.", "„Ort“ enthält an Zeichen 5 einen Tabulator; geben Sie stattdessen ein Leerzeichen ein."],
            Messages("de"));
        Assert.Equal(["姓を入力してください。", "市区町村の 5 文字目にタブが含まれています。代わりにスペースを入力してください。"], Messages("ja"));
        Assert.Equal(["Enter your last name or surname.", "City contains a tab at character 5; type a space instead."], Messages("en"));
    }

    [Fact]
    public async Task ManageCals_InGerman_TakesAGroupedQuantity_AndShowsNumbersAndTheIssueTimeInGerman()
    {
        var client = Client("de");
        var review = await WalkToReviewAsync(client, "de", "1.500");

        Assert.Equal("1.500", Row(review, SiteLanguage.In("de", () => Labels.Quantity)));
        var result = await SubmitAsync(client, review);
        var keyPack = await factory.WithDbAsync(db => Task.FromResult(db.KeyPacks.Single(k => k.Id == KeyPackIdOn(result))));

        Assert.Equal(1500, keyPack.Quantity);
        Assert.Equal("1.500", Row(result, "Anzahl"));
        Assert.Matches(GermanTime(), Row(result, "Ausgestellt"));
        Assert.Equal(keyPack.IssuedAt.UtcDateTime.ToString("dd.MM.yyyy HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), Row(result, "Ausgestellt"));
        var receipt = await ReceiptAsync(client, result);
        Assert.Contains("Anzahl:", receipt, StringComparison.Ordinal);
        Assert.Matches($"(?m)^Ausgestellt: +{Regex.Escape(Row(result, "Ausgestellt"))}$", receipt);
        Assert.Matches($"(?m)^Lizenzschlüsselpaket-ID: +{IdFormat.KeyPackId.Format(keyPack.Id)}$", receipt);
    }

    [Fact]
    public async Task Result_InJapanese_ShowsTheIssueTimeAsJapaneseWritesIt_InTheReceiptToo_WithTheSameFileName()
    {
        var client = Client("ja");
        var result = await SubmitAsync(client, await WalkToReviewAsync(client, "ja", "1,500"));
        var keyPack = await factory.WithDbAsync(db => Task.FromResult(db.KeyPacks.Single(k => k.Id == KeyPackIdOn(result))));
        var issued = SiteLanguage.In("ja", () => Labels.Issued);

        Assert.Equal(keyPack.IssuedAt.UtcDateTime.ToString("yyyy/MM/dd H:mm:ss '(UTC)'", CultureInfo.InvariantCulture), Row(result, issued));
        Assert.Equal("1,500", Row(result, SiteLanguage.In("ja", () => Labels.Quantity)));
        using var receipt = await client.GetAsync(new Uri(result.Address, ReceiptLink(result)));
        var text = await receipt.Content.ReadAsStringAsync();
        Assert.Matches($"(?m)^{issued}: +{Regex.Escape(Row(result, issued))}$", text);
        Assert.Equal($"license-key-pack-{keyPack.Id[..5]}.txt", receipt.Content.Headers.ContentDisposition?.FileName);

        // The values of the receipt start in one column, counted as a monospaced font shows Japanese (two per character).
        var columns = text.Split('\n').Where(line => line.Contains(": ", StringComparison.Ordinal) && !line.StartsWith(' '))
            .Select(line => Receipt.Columns(line[..(line.IndexOf(": ", StringComparison.Ordinal) + 1)]) +
                line[(line.IndexOf(": ", StringComparison.Ordinal) + 1)..].TakeWhile(c => c == ' ').Count())
            .Distinct().ToList();
        Assert.Single(columns);
    }

    [Fact]
    public async Task Api_AnswersInEnglish_WhateverLanguageTheClientAsksFor()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");
        var server = KeyPacks.NewLicenseServerId();

        using var response = await client.PostAsync(
            new Uri($"/api/v1/license-servers/{server}/key-pack-installations?lang=de", UriKind.Relative),
            new StringContent("""{"keyPackId": "BCDFG"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("The license key pack ID has 5 characters; it needs 35 (7 groups of 5).", problem, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out _));
    }

    [Fact]
    public async Task LanguageLinks_KeepWhatThePageShows_AndOnAnErrorPageLeadToTheAddressThatFailed()
    {
        var client = factory.CreatePageClient();
        var review = await WalkToReviewAsync(client, "en", "25");
        var changed = await HtmlPage.GetAsync(client, review.Address.AbsolutePath + "?changed=true");
        var missing = await HtmlPage.GetAsync(client, "/no-such-page?x=1");

        Assert.Equal($"{review.Address.AbsolutePath}?changed=true&lang=de", LanguageLink(changed, "de"));
        Assert.NotNull(changed.Document.GetElementById("changed-notice"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Equal("/no-such-page?x=1&lang=ja", LanguageLink(missing, "ja"));
        var german = await HtmlPage.GetAsync(client, LanguageLink(changed, "de"));
        Assert.Equal("de", german.Document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(german.Document.GetElementById("changed-notice"));
    }

    private HttpClient Client(string language)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task<HtmlPage> WalkToReviewAsync(HttpClient client, string language, string quantity)
    {
        string L(Func<string> label) => SiteLanguage.In(language, label);
        var start = await HtmlPage.GetAsync(client, "/manage-cals");
        var contact = await AcceptAsync(client, start.Form()
            .Fill(L(() => Labels.TargetLicenseServerId), KeyPacks.NewLicenseServerId())
            .Fill(L(() => Labels.Reason), "replaced")
            .Fill(L(() => Labels.LicenseProgram), "enterprise-agreement"));
        var program = await AcceptAsync(client, contact.Form()
            .Fill(L(() => Labels.LastName), "Müller")
            .Fill(L(() => Labels.FirstName), "Anna")
            .Fill(L(() => Labels.CompanyName), "Contoso GmbH")
            .Fill(L(() => Labels.CountryRegion), "DE"));
        return await AcceptAsync(client, program.Form()
            .Fill(L(() => CatalogueNames.ReferenceLabel(Catalogue.FindProgram("enterprise-agreement")!)), "1234567")
            .Fill(L(() => Labels.ProductVersion), "windows-server-2022")
            .Fill(L(() => Labels.CalType), "rds-per-user")
            .Fill(L(() => Labels.Quantity), quantity));
    }

    private static Task<HtmlPage> SubmitAsync(HttpClient client, HtmlPage review) => AcceptAsync(client, review.Form());

    private static async Task<HtmlPage> AcceptAsync(HttpClient client, HtmlForm form)
    {
        var response = await form.SubmitAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Found, $"Expected the form to be accepted, got {(int)response.StatusCode}.");
        return await HtmlPage.FollowRedirectAsync(client, response);
    }

    private static async Task<string> ReceiptAsync(HttpClient client, HtmlPage result) =>
        await client.GetStringAsync(new Uri(result.Address, ReceiptLink(result)));

    private static string ReceiptLink(HtmlPage result) => result.Document.QuerySelector("a[download]")!.GetAttribute("href")!;

    private static string KeyPackIdOn(HtmlPage result) =>
        IdFormat.KeyPackId.Parse(result.Document.GetElementById("key-pack-id")!.TextContent.Trim()).Value!;

    private static string Row(HtmlPage page, string label) =>
        page.Document.QuerySelectorAll(".summary__row")
            .First(row => row.QuerySelector("dt")!.TextContent.Trim() == label)
            .QuerySelector("dd")!.TextContent.Trim();

    private static string LanguageLink(HtmlPage page, string language) =>
        page.Document.QuerySelector($".languages a[lang='{language}']")!.GetAttribute("href")!;

    [GeneratedRegex(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} UTC$")]
    private static partial Regex GermanTime();
}

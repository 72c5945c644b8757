using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>
/// What site.js writes into a page — the label of a license code field it adds, what the copy button says once it has
/// copied — is in the page's language: the page hands it the texts, so none is written in the script.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ScriptTextsBrowserTests(PortalFixture portal)
{
    private const int TestTimeoutMs = 90_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AddAnotherCode_InGerman_LabelsTheAddedFieldInGerman()
    {
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        var entries = CalRequestEntries.ForNewServer() with { LicenseProgram = "License Pack (Retail Purchase)" };
        await wizard.StartAsync();
        await wizard.FillRequestAsync(entries);
        await wizard.NextToContactAsync();
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();
        var address = page.Url;

        await page.GotoAsync(address + "?lang=de");
        await page.GetByRole(AriaRole.Button, new() { Name = In("de", () => Labels.AddLicenseCode), Exact = true }).ClickAsync();

        var added = page.GetByLabel(In("de", () => Labels.LicenseCode(2)), new() { Exact = true });
        await Expect(added).ToBeFocusedAsync();
        await Expect(added).ToHaveAttributeAsync("name", "Input.LicenseCodes[1]");
        Assert.StartsWith(address, page.Url, StringComparison.Ordinal); // added in place, no round trip
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CopyId_InJapanese_SaysSoInJapanese()
    {
        await using var context = await portal.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        var keyPackId = await wizard.WalkToResultAsync(CalRequestEntries.ForNewServer());

        await page.GotoAsync(page.Url + "?lang=ja");
        var copy = page.GetByRole(AriaRole.Button, new() { Name = In("ja", () => Texts.Get("KeyPackResult.CopyId")), Exact = true });
        await copy.ClickAsync();

        // Its name changes once it has copied: found again by what it is.
        await Expect(page.Locator("button[data-copy]")).ToHaveTextAsync(In("ja", () => Texts.Get("KeyPackResult.Copied")));
        await Expect(page.Locator("[data-copy-status]")).ToHaveTextAsync(In("ja", () => Texts.Get("KeyPackResult.IdCopied")));
        Assert.Equal(keyPackId, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    /// <summary>A text as a page in that language shows it.</summary>
    private static string In(string language, Func<string> text) => SiteText.In(language, text);
}

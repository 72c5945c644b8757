using Clearinghouse.BrowserTests.ManageCals;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.LicenseServers;

/// <summary>
/// Activate and Reactivate a license server walked in Japanese, chosen with the language picker, in a browser without
/// script: every page, errors and refusals included, is in Japanese (its lang says so) and passes axe-core.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LicenseServerJapaneseTests(PortalFixture portal)
{
    [Fact(Timeout = 180_000)]
    public async Task ServerFlows_InJapanese_WithoutJavaScript_EveryPageIsJapaneseAndHasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        async Task CheckAsync(string name)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
            results.Add((name, await Axe.RunOnCopyAsync(context.Browser!, page)));
        }

        ILocator Field(Func<string> label) => page.GetByLabel(Ja(label), new() { Exact = true });
        Task PressAsync(string key) => page.GetByRole(AriaRole.Button, new() { Name = Ja(() => Texts.Get(key)), Exact = true }).ClickAsync();
        async Task ExpectHeadingAsync(Func<string> heading) =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ja(heading), Level = 1 })).ToBeVisibleAsync();
        async Task ExpectErrorsAsync() =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ja(() => Texts.Get("ErrorSummary.Heading")) })).ToBeVisibleAsync();
        async Task CompanyAsync()
        {
            await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Company"));
            await Field(() => Labels.LastName).FillAsync("山田");
            await Field(() => Labels.FirstName).FillAsync("花子");
            await Field(() => Labels.CompanyName).FillAsync("ファブリカム株式会社");
            await Field(() => Labels.CountryRegion).SelectOptionAsync("JP");
            await PressAsync("Wizard.Next");
        }

        // The language picker, from the English start page; the choice is remembered from here on.
        await page.GotoAsync("/activate-server");
        await page.GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Server"));
        await CheckAsync("Activate: license server");
        await Field(() => Texts.Get("Activate.ProductId.Label")).FillAsync("00490-9200-99454-AT527");
        await PressAsync("Wizard.Next");
        await ExpectErrorsAsync();
        await CheckAsync("Activate: license server, a short group and no operating system");
        await Field(() => Texts.Get("Activate.ProductId.Label")).FillAsync(LicenseServerBrowserWizard.NewProductId());
        await Field(() => Texts.Get("Activate.OperatingSystem.Label")).SelectOptionAsync("windows-server-2022");
        await PressAsync("Wizard.Next");
        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Company"));
        await CheckAsync("Activate: company information");
        await PressAsync("Wizard.Next");
        await ExpectErrorsAsync();
        await CheckAsync("Activate: company information, nothing entered");
        await CompanyAsync();
        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Review"));
        await CheckAsync("Activate: review");
        await PressAsync("Review.Submit");
        await ExpectHeadingAsync(() => Texts.Get("ServerResult.Heading"));
        await CheckAsync("Activate: result");
        var activated = (await page.Locator("#license-server-id").TextContentAsync())!.Trim();

        await page.GotoAsync("/reactivate-server");
        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Server"));
        await PressAsync("Wizard.Next");
        await ExpectErrorsAsync();
        await CheckAsync("Reactivate: license server, nothing entered");
        await Field(() => Labels.LicenseServerId).FillAsync(CalRequestEntries.ForForeignServer().FormattedServerId);
        await Field(() => Texts.Get("Reactivate.Reason.Label")).SelectOptionAsync("certificate-corrupt");
        await PressAsync("Wizard.Next");
        await ExpectErrorsAsync();
        await CheckAsync("Reactivate: license server, asking whether the ID was copied");

        await Field(() => Labels.LicenseServerId).FillAsync(activated);
        await PressAsync("Wizard.Next");
        await CompanyAsync();
        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Review"));
        await CheckAsync("Reactivate: review");
        await PressAsync("Review.Submit");
        await ExpectHeadingAsync(() => Texts.Get("ServerResult.Heading"));
        await CheckAsync("Reactivate: result");

        await page.GotoAsync("/reactivate-server");
        await Field(() => Labels.LicenseServerId).FillAsync(activated);
        await Field(() => Texts.Get("Reactivate.Reason.Label")).SelectOptionAsync("redeployed");
        await PressAsync("Wizard.Next");
        await ExpectErrorsAsync();
        await Expect(page.Locator("#Input_LicenseServerId-error")).ToContainTextAsync(Ja(() => Texts.Get("Reactivate.AlreadyReactivated")));
        await CheckAsync("Reactivate: license server, already reactivated");

        Assert.Equal(11, results.Count);
        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }

    /// <summary>A text as the page shows it in Japanese.</summary>
    private static string Ja(Func<string> text) => SiteText.In("ja", text);
}

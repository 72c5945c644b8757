using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>
/// Manage CALs walked in Japanese, chosen with the language picker, in a browser without script: every page, errors
/// included, is in Japanese (its lang says so) and is checked by axe-core against WCAG 2.2 A and AA.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ManageCalsJapaneseTests(PortalFixture portal)
{
    [Fact(Timeout = 120_000)]
    public async Task ManageCals_InJapanese_WithoutJavaScript_EveryPageIsJapaneseAndHasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        var entries = CalRequestEntries.ForForeignServer(quantity: 1500);
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
        Task NextAsync() => page.GetByRole(AriaRole.Button, new() { Name = Ja(() => Texts.Get("Wizard.Next")), Exact = true }).ClickAsync();
        async Task ExpectHeadingAsync(Func<string> heading) =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ja(heading), Level = 1 })).ToBeVisibleAsync();
        async Task ExpectErrorsAsync() =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Ja(() => Texts.Get("ErrorSummary.Heading")) })).ToBeVisibleAsync();

        // The language picker, from the English start page; the choice is remembered from here on.
        await page.GotoAsync("/manage-cals");
        await page.GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Request"));
        await CheckAsync("Request");
        await NextAsync();
        await ExpectErrorsAsync();
        await CheckAsync("Request, nothing entered");

        await Field(() => Labels.TargetLicenseServerId).FillAsync(entries.FormattedServerId);
        await Field(() => Labels.Reason).SelectOptionAsync("replaced");
        await Field(() => Labels.LicenseProgram).SelectOptionAsync("enterprise-agreement");
        await NextAsync();
        await ExpectErrorsAsync();
        await CheckAsync("Request, asking whether the ID was copied");
        await Field(() => Labels.TargetLicenseServerIdIsCopied).CheckAsync();
        await NextAsync();

        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Contact"));
        await CheckAsync("Contact information");
        await NextAsync();
        await ExpectErrorsAsync();
        await CheckAsync("Contact information, nothing entered");
        await Field(() => Labels.LastName).FillAsync("山田");
        await Field(() => Labels.FirstName).FillAsync("花子");
        await Field(() => Labels.CompanyName).FillAsync("ファブリカム株式会社");
        await Field(() => Labels.CountryRegion).SelectOptionAsync("JP");
        await NextAsync();

        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Program"));
        await CheckAsync("License program details");
        await NextAsync();
        await ExpectErrorsAsync();
        await CheckAsync("License program details, nothing entered");
        await Field(() => CatalogueNames.ReferenceLabel(Catalogue.FindProgram("enterprise-agreement")!)).FillAsync(entries.EnrollmentNumber);
        await Field(() => Labels.ProductVersion).SelectOptionAsync("windows-server-2022");
        await Field(() => Labels.CalType).SelectOptionAsync("rds-per-user");
        await Field(() => Labels.Quantity).FillAsync("1,500");
        await NextAsync();

        await ExpectHeadingAsync(() => Texts.Get("Flows.Step.Review"));
        await CheckAsync("Review and submit");
        await page.GetByRole(AriaRole.Button, new() { Name = Ja(() => Texts.Get("Review.Submit")), Exact = true }).ClickAsync();

        await ExpectHeadingAsync(() => Texts.Get("KeyPackResult.Heading"));
        await CheckAsync("Result");

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }

    /// <summary>A text as the page shows it in Japanese.</summary>
    private static string Ja(Func<string> text) => SiteText.In("ja", text);
}

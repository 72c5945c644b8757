using Clearinghouse.BrowserTests.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.LicenseServers;

/// <summary>Activate and Reactivate a license server in headless Chromium: without script, accessible, on a phone.</summary>
[Collection(PortalCollection.Name)]
public sealed class LicenseServerBrowserTests(PortalFixture portal)
{
    private const int TestTimeoutMs = 120_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Activate_WithoutJavaScript_WorksEndToEnd()
    {
        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await WalkActivationAsync(new LicenseServerBrowserWizard(page));

        // Print needs script, so it is not offered; the receipt is a plain download.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Activate_EveryPageIncludingValidationErrors_HasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail; // axe-core runs as a script in the page, so this walk has script; the one above has none.
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();

        await WalkActivationAsync(new LicenseServerBrowserWizard(page) { AfterEachPage = async (tab, name) => results.Add((name, await Axe.RunAsync(tab))) });

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
        Assert.Equal(8, results.Count);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Reactivate_WithoutJavaScript_TakesAForeignIdOnceConfirmed_ThenRefusesItAsReactivated()
    {
        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false });

        await WalkReactivationAsync(new LicenseServerBrowserWizard(await context.NewPageAsync()));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Reactivate_EveryPageIncludingRefusals_HasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();

        await WalkReactivationAsync(new LicenseServerBrowserWizard(page) { AfterEachPage = async (tab, name) => results.Add((name, await Axe.RunAsync(tab))) });

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
        Assert.Equal(18, results.Count);
    }

    /// <summary>Activate a license server from "Select option" to the receipt, through each step's errors.</summary>
    private static async Task WalkActivationAsync(LicenseServerBrowserWizard wizard)
    {
        var page = wizard.Page;
        await wizard.StartAsync("Activate a license server", "activate-server");
        await wizard.NextRefusedAsync("Activate: License server, with validation errors");
        await Expect(wizard.Field("Product ID")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(wizard.Field("Operating system")).ToHaveAttributeAsync("aria-invalid", "true");
        await wizard.Field("Product ID").FillAsync("00490 92005 994");
        await wizard.Field("Operating system").SelectOptionAsync(new SelectOptionValue { Label = "Windows Server 2016" });
        await wizard.NextRefusedAsync("Activate: License server, Product ID refused");
        await Expect(page.Locator("#Input_ProductId-error")).ToContainTextAsync("The Product ID has 13 characters; it needs 20 (4 groups of 5).");
        await Expect(wizard.Field("Operating system")).ToHaveValueAsync("windows-server-2016");

        // Read as typed whether or not script grouped it: case, spaces and hyphens do not matter.
        await wizard.Field("Product ID").FillAsync("0049092005 99454at527");
        await wizard.NextAsync("activate-server", "contact", "Company information");
        await wizard.NextRefusedAsync("Activate: Company information, with validation errors");
        await wizard.Shared.FillContactAsync(CalRequestEntries.ForNewServer());
        await wizard.NextAsync("activate-server", "review", "Review and submit");
        var review = await wizard.Shared.ReviewRowsAsync();
        Assert.Equal("00490-92005-99454-AT527", review["Product ID"]);
        Assert.Equal("Windows Server 2016", review["Operating system"]);

        var serverId = await wizard.SubmitAsync("activate-server");

        Assert.Equal(IdOrigin.IssuedHere, IdFormat.LicenseServerId.Parse(serverId).Origin);
        await Expect(page.GetByText("This license server accepts CALs up to Windows Server 2016")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Download receipt" }).ClickAsync(),
            new() { Timeout = PortalFixture.ActionTimeoutMs });
        Assert.Equal($"license-server-id-{serverId[..5]}.txt", download.SuggestedFilename);
        var receipt = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains(serverId, receipt, StringComparison.Ordinal);
        Assert.Contains("Retain a copy of the License Server ID", receipt, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reactivate a license server whose ID came from elsewhere (confirmed as copied), through each step's errors, while
    /// another tab reactivates the same server first: the review is refused at submit, and so is the old ID at the first
    /// step from then on, neither naming the new ID.
    /// </summary>
    private static async Task WalkReactivationAsync(LicenseServerBrowserWizard wizard)
    {
        var page = wizard.Page;
        var foreign = CalRequestEntries.ForForeignServer();
        var copied = wizard.Field(LicenseServerBrowserWizard.Copied);

        await wizard.StartAsync("Reactivate a license server", "reactivate-server");
        await Expect(copied).ToHaveCountAsync(0);
        await wizard.NextRefusedAsync("Reactivate: License server, with validation errors");
        await Expect(wizard.Field("License Server ID")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(wizard.Field("Reason for reactivation")).ToHaveAttributeAsync("aria-invalid", "true");
        await wizard.Field("License Server ID").FillAsync(foreign.FormattedServerId);
        await wizard.Field("Reason for reactivation").SelectOptionAsync(new SelectOptionValue { Label = "The license server certificate is corrupt" });
        await wizard.NextRefusedAsync("Reactivate: License server, asking whether the ID was copied");
        await Expect(page.Locator("#Input_LicenseServerId-error")).ToContainTextAsync(
            "Groups 1, 2, 3, 4, 5, 6 and 7 of the License Server ID do not check out.");
        await Expect(copied).ToBeVisibleAsync();
        await Expect(copied).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("do not check out"));
        await copied.CheckAsync();
        await wizard.NextAsync("reactivate-server", "contact", "Company information");
        await wizard.NextRefusedAsync("Reactivate: Company information, with validation errors");
        await Expect(wizard.Field("Company name")).ToHaveAttributeAsync("aria-invalid", "true");
        await wizard.Shared.FillContactAsync(CalRequestEntries.ForNewServer());
        await wizard.NextAsync("reactivate-server", "review", "Review and submit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the License Server ID" })).ToBeVisibleAsync();
        Assert.Equal(foreign.FormattedServerId, (await wizard.Shared.ReviewRowsAsync())["License Server ID"]);

        // Meanwhile another tab reactivates the same server, and wins.
        var other = await wizard.NewTabAsync();
        var newId = await other.ReactivateAsync(foreign.FormattedServerId, copiedFromElsewhere: true);
        Assert.NotEqual(foreign.FormattedServerId, newId);
        await Expect(other.Page.Locator("#followed")).ToContainTextAsync("No key packs were bound to");
        await Expect(other.Page.Locator("#previous-refused")).ToContainTextAsync(foreign.FormattedServerId);
        await other.Page.CloseAsync();

        // This tab's review is refused at submit, sending the person back to the ID, naming no new ID.
        await page.BringToFrontAsync();
        await wizard.SubmitRefusedAsync("Reactivate: Review and submit, refused at submit");
        var atSubmit = page.Locator(".error-summary li");
        await Expect(atSubmit).ToContainTextAsync("This license server has already been reactivated");
        Assert.DoesNotContain(newId, await atSubmit.TextContentAsync() ?? "", StringComparison.Ordinal);
        await Expect(atSubmit.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", LicenseServerBrowserWizard.StepAddress("reactivate-server", "request"));

        // The old ID is refused from now on: reactivating it again is refused at the first step, naming no new ID.
        await wizard.StartAsync("Reactivate a license server", "reactivate-server");
        await wizard.Field("License Server ID").FillAsync(foreign.FormattedServerId);
        await wizard.Field("Reason for reactivation").SelectOptionAsync(new SelectOptionValue { Label = "The license server has been upgraded" });
        await wizard.NextRefusedAsync("Reactivate: License server, asking again whether the ID was copied");
        await copied.CheckAsync();
        await wizard.NextRefusedAsync("Reactivate: License server, already reactivated");
        var refusal = page.Locator("#Input_LicenseServerId-error");
        await Expect(refusal).ToContainTextAsync("This license server has already been reactivated");
        Assert.DoesNotContain(newId, await refusal.TextContentAsync() ?? "", StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ServerFlows_OnAPhoneSizedScreen_NeedNoHorizontalScrolling()
    {
        await using var context = await portal.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        var wizard = new LicenseServerBrowserWizard(page) { AfterEachPage = AssertNoHorizontalScrollingAsync };

        var activated = await wizard.ActivateAsync("Windows Server 2022");
        await AssertIdFitsAsync(page);
        var keyPackId = await IssueKeyPackAsync(page, activated);
        var reactivated = await wizard.ReactivateAsync(activated);

        await AssertIdFitsAsync(page);
        await Expect(page.Locator(".summary__row dt", new() { HasText = keyPackId })).ToBeVisibleAsync();
        Assert.NotEqual(activated, reactivated);
    }

    /// <summary>Installs CALs on the server through Install client access licenses; returns the key pack ID.</summary>
    private static async Task<string> IssueKeyPackAsync(IPage page, string serverId)
    {
        var wizard = new ManageCalsWizard(page);
        var entries = CalRequestEntries.ForNewServer(quantity: 3) with { TargetLicenseServerId = LicenseServerBrowserWizard.Canonical(serverId) };
        await wizard.OpenSelectOptionAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Install client access licenses", Exact = true }).ClickAsync();
        await wizard.Field("License Server ID").FillAsync(serverId);
        await wizard.Field("License Program").SelectOptionAsync(new SelectOptionValue { Label = "Enterprise Agreement" });
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(LicenseServerBrowserWizard.StepAddress("install-cals", "contact"), "Contact information");
        await wizard.FillContactAsync(entries);
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(LicenseServerBrowserWizard.StepAddress("install-cals", "program"), "License program details");
        await wizard.FillProgramAsync(entries);
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(LicenseServerBrowserWizard.StepAddress("install-cals", "review"), "Review and submit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
        await wizard.ExpectStepAsync(LicenseServerBrowserWizard.StepAddress("install-cals", "result"), "Your license key pack ID");
        return (await page.Locator("#key-pack-id").TextContentAsync())!.Trim();
    }

    private static async Task AssertIdFitsAsync(IPage page)
    {
        var id = page.Locator("#license-server-id");
        var box = await id.BoundingBoxAsync() ?? throw new InvalidOperationException("The License Server ID is not rendered.");
        Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"The ID spans x = {box.X} to {box.X + box.Width} on a 375-pixel screen.");
        Assert.False(await id.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "The License Server ID is wider than its box.");
    }

    internal static async Task AssertNoHorizontalScrollingAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The {where} page scrolls sideways: {widths[0]} pixels of content in {widths[1]}.");
    }
}

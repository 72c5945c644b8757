using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Clearinghouse.BrowserTests.ManageCals;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.InstallCals;

/// <summary>Install client access licenses in headless Chromium: the second flow on the shared flow pages.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class InstallCalsBrowserTests(PortalFixture portal)
{
    [Fact(Timeout = 90_000)]
    public async Task InstallCals_WalkedByAPerson_IssuesAKeyPackTheServerInstalls_WithNoWcagViolationsOnTheWay()
    {
        _ = Axe.ScriptOrFail;
        var entries = CalRequestEntries.ForNewServer(quantity: 9);
        await using var context = await portal.NewContextAsync();
        // Its contact and program steps are the shared ones: the Manage CALs helpers fill them by their labels.
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        async Task CheckAsync(string name) => results.Add((name, await Axe.RunAsync(page)));

        await wizard.OpenSelectOptionAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Install client access licenses", Exact = true }).ClickAsync();
        await wizard.ExpectStepAsync(StartAddress(), "Request");
        await Expect(wizard.Field("Reason for recovery")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Install client access licenses steps" })).ToBeVisibleAsync();
        await CheckAsync("Step 1, Request");
        await wizard.NextAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await CheckAsync("Step 1, Request, with validation errors");
        await wizard.Field("License Server ID").FillAsync(entries.FormattedServerId);
        await wizard.Field("License Program").SelectOptionAsync(new SelectOptionValue { Label = entries.LicenseProgram });
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(StepAddress("contact"), "Contact information");
        await CheckAsync("Step 2, Contact information");
        await wizard.FillContactAsync(entries);
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(StepAddress("program"), "License program details");
        await CheckAsync("Step 3, License program details");
        await wizard.FillProgramAsync(entries);
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(StepAddress("review"), "Review and submit");
        await CheckAsync("Step 4, Review and submit");
        var review = await wizard.ReviewRowsAsync();
        Assert.Equal(entries.FormattedServerId, review["License Server ID"]);
        Assert.False(review.ContainsKey("Reason for recovery"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
        await wizard.ExpectStepAsync(StepAddress("result"), "Your license key pack ID");
        await CheckAsync("Result");
        var keyPackId = (await page.Locator("#key-pack-id").TextContentAsync())!.Trim();

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
        using var api = portal.NewApiClient();
        using var response = await api.PostAsJsonAsync(
            $"/api/v1/license-servers/{entries.FormattedServerId}/key-pack-installations", new { keyPackId });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static Regex StepAddress(string step) =>
        new($"/install-cals/[0-9a-f-]{{36}}/{Regex.Escape(step)}(#[^/]*)?$");

    [GeneratedRegex("/install-cals$")]
    private static partial Regex StartAddress();
}

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Clearinghouse.BrowserTests.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.LicenseServers;

/// <summary>
/// Issue 6, the way a lab plays it: license servers activated on the site, CALs installed, refused, migrated and
/// installed through the license-server API, and a server reactivated with its key packs following it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class LicenseServerStoryTests(PortalFixture portal)
{
    private const string Version2019 = "Windows Server 2019";

    private const string Version2022 = "Windows Server 2022";

    [Fact(Timeout = 300_000)]
    public async Task Lab_ActivatesInstallsIsRefusedMigratesAndReactivates_AndTheKeyPacksFollowTheServer()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var servers = new LicenseServerBrowserWizard(page);
        using var api = portal.NewApiClient();
        var agreement = RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Two license servers, activated on the site: their versions come from their operating systems.
        var first = await servers.ActivateAsync(Version2019);
        await Expect(page.GetByText($"This license server accepts CALs up to {Version2019}")).ToBeVisibleAsync();
        var second = await servers.ActivateAsync(Version2022);
        Assert.NotEqual(first, second);

        // Agreement CALs for the first server, installed by it through the API.
        var agreementCals = await InstallAsync(page, first, "Enterprise Agreement", ("Enrollment number", agreement), Version2019, "RDS Per User CAL", 20);
        var installed = await SubmitKeyPackAsync(api, first, agreementCals.KeyPackId!);
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        Assert.Equal(20, (await installed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quantity").GetInt32());

        // 2022 CALs are newer than the 2019 server accepts: refused, naming both versions.
        var newer = await InstallAsync(page, first, "Enterprise Agreement", ("Enrollment number", agreement), Version2022, "RDS Per User CAL", 5);
        Assert.Equal((null, "program"), (newer.KeyPackId, newer.RefusedAt));
        Assert.Contains(Version2019, newer.Refusal, StringComparison.Ordinal);
        Assert.Contains(Version2022, newer.Refusal, StringComparison.Ordinal);

        // A retail license code installs once; the second time it is refused, whichever server asks.
        var code = NewRetailCode();
        var retail = await InstallAsync(page, first, "License Pack (Retail Purchase)", ("License code 1", code), Version2019, "RDS Per Device CAL", 5);
        Assert.Equal(HttpStatusCode.OK, (await SubmitKeyPackAsync(api, first, retail.KeyPackId!)).StatusCode);
        var again = await InstallAsync(page, second, "License Pack (Retail Purchase)", ("License code 1", code), Version2019, "RDS Per Device CAL", 5);
        Assert.Equal((null, "program"), (again.KeyPackId, again.RefusedAt));
        Assert.Contains("already been installed", again.Refusal, StringComparison.Ordinal);
        Assert.Contains(code, again.Refusal, StringComparison.Ordinal);

        // The agreement's CALs move to the second server with Manage CALs, which installs them through the API.
        var manage = new ManageCalsWizard(page);
        var migrated = await manage.WalkToResultAsync(CalRequestEntries.ForNewServer(quantity: 20) with
        {
            TargetLicenseServerId = LicenseServerBrowserWizard.Canonical(second),
            EnrollmentNumber = agreement,
            ProductVersion = Version2019,
        });
        var moved = await SubmitKeyPackAsync(api, second, migrated);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(20, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quantity").GetInt32());

        // The first server is reactivated: the key packs it still holds follow its new ID (not the agreement's, whose
        // CALs moved to the second server), and its old ID is refused everywhere.
        var reactivated = await servers.ReactivateAsync(first, "The license server has been upgraded");
        Assert.NotEqual(first, reactivated);
        var followed = (await page.Locator(".summary__row dt").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Contains(retail.KeyPackId!, followed);
        Assert.DoesNotContain(agreementCals.KeyPackId!, followed);
        Assert.DoesNotContain(migrated, followed);
        await Expect(page.Locator("#followed")).ToContainTextAsync($"Key packs bound to {first} before: 1.");

        Assert.Equal(HttpStatusCode.OK, (await SubmitKeyPackAsync(api, reactivated, retail.KeyPackId!)).StatusCode);
        var gone = await SubmitKeyPackAsync(api, first, retail.KeyPackId!);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(ErrorCodes.LicenseServerReactivated, (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var oldId = await InstallAsync(page, first, "Enterprise Agreement", ("Enrollment number", agreement), Version2019, "RDS Per User CAL", 1);
        Assert.Equal((null, "request"), (oldId.KeyPackId, oldId.RefusedAt));
        Assert.Contains("reactivated", oldId.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(reactivated, oldId.Refusal, StringComparison.Ordinal);

        // Reactivating the old ID again is refused at the first step, without naming the new ID.
        await servers.StartAsync("Reactivate a license server", "reactivate-server");
        await servers.Field("License Server ID").FillAsync(first);
        await servers.Field("Reason for reactivation").SelectOptionAsync(new SelectOptionValue { Label = "The license server has been redeployed" });
        var reactivatedAgain = await PressAsync(page, "Next", "Company information");
        Assert.NotNull(reactivatedAgain);
        Assert.Contains("already been reactivated", reactivatedAgain, StringComparison.Ordinal);
        Assert.DoesNotContain(reactivated, reactivatedAgain, StringComparison.Ordinal);
        Assert.DoesNotContain(LicenseServerBrowserWizard.Canonical(reactivated), reactivatedAgain, StringComparison.Ordinal);
    }

    /// <summary>
    /// Walks Install client access licenses from "Select option" for <paramref name="serverId"/>; returns the key pack
    /// ID issued, or the refusal and the step that refused it ("request", "program" or "review"): a rule refuses at the
    /// step it concerns, where it can be put right.
    /// </summary>
    private static async Task<(string? KeyPackId, string? Refusal, string? RefusedAt)> InstallAsync(
        IPage page, string serverId, string program, (string Label, string Value) proof, string version, string calType, int quantity)
    {
        var wizard = new ManageCalsWizard(page);
        await wizard.OpenSelectOptionAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Install client access licenses", Exact = true }).ClickAsync();
        await wizard.ExpectStepAsync(new System.Text.RegularExpressions.Regex("/install-cals$"), "Request");
        await wizard.Field("License Server ID").FillAsync(serverId);
        await wizard.Field("License Program").SelectOptionAsync(new SelectOptionValue { Label = program });
        if (await PressAsync(page, "Next", "Contact information") is { } atRequest)
        {
            return (null, atRequest, "request");
        }

        await wizard.FillContactAsync(CalRequestEntries.ForNewServer());
        if (await PressAsync(page, "Next", "License program details") is { } atContact)
        {
            Assert.Fail($"The contact step refused: {atContact}");
        }

        await wizard.Field(proof.Label).FillAsync(proof.Value);
        await wizard.Field("Product version").SelectOptionAsync(new SelectOptionValue { Label = version });
        await wizard.Field("CAL type").SelectOptionAsync(new SelectOptionValue { Label = calType });
        await wizard.Field("Quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (await PressAsync(page, "Next", "Review and submit") is { } atProgram)
        {
            return (null, atProgram, "program");
        }

        if (await PressAsync(page, "Submit", "Your license key pack ID") is { } atSubmit)
        {
            return (null, atSubmit, "review");
        }

        return ((await page.Locator("#key-pack-id").TextContentAsync())!.Trim(), null, null);
    }

    /// <summary>
    /// Presses the button and waits for what comes back: the page headed <paramref name="nextHeading"/> (null is
    /// returned), or a page with an error summary (its messages are returned).
    /// </summary>
    private static async Task<string?> PressAsync(IPage page, string button, string nextHeading)
    {
        await page.EvaluateAsync("() => { document.documentElement.dataset.test = 'replaced'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(page.Locator("html[data-test='replaced']")).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var problem = page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Heading, new() { Name = "There is a problem" });
        var next = page.GetByRole(AriaRole.Heading, new() { Name = nextHeading, Level = 1, Exact = true });
        await Expect(problem.Or(next)).ToBeVisibleAsync();
        return await problem.IsVisibleAsync()
            ? string.Join(" ", (await page.Locator(".error-summary li").AllTextContentsAsync()).Select(t => t.Trim()))
            : null;
    }

    private static Task<HttpResponseMessage> SubmitKeyPackAsync(HttpClient api, string serverId, string keyPackId) =>
        api.PostAsJsonAsync($"/api/v1/license-servers/{serverId}/key-pack-installations", new { keyPackId });

    private static string NewRetailCode()
    {
        using var random = RandomNumberGenerator.Create();
        return IdFormat.RetailLicenseCode.Format(IdFormat.RetailLicenseCode.Generate(random));
    }
}

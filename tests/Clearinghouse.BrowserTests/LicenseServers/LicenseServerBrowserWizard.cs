using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Clearinghouse.BrowserTests.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.LicenseServers;

/// <summary>
/// Walks Activate and Reactivate a license server in a browser as a person does: from "Select option", fields by their
/// labels, each step confirmed by its address and heading. The company information step is the shared contact step,
/// filled as in Manage CALs. <see cref="AfterEachPage"/> runs on every page shown (an accessibility check, say), with the
/// page (the browser tab) it is shown in.
/// </summary>
public sealed class LicenseServerBrowserWizard(IPage page)
{
    public const string Copied = "I copied this ID from the license server; use it as entered";

    private readonly ManageCalsWizard _shared = new(page);

    public IPage Page => page;

    public ManageCalsWizard Shared => _shared;

    /// <summary>Called with the tab and a name for each page the walk shows, once it has loaded.</summary>
    public Func<IPage, string, Task> AfterEachPage { get; init; } = (_, _) => Task.CompletedTask;

    public ILocator Field(string label) => _shared.Field(label);

    /// <summary>A second tab of the same browser (same cookies), walked the same way.</summary>
    public async Task<LicenseServerBrowserWizard> NewTabAsync() => new(await page.Context.NewPageAsync()) { AfterEachPage = AfterEachPage };

    /// <summary>Activates a license server from "Select option"; returns its new License Server ID as shown (in groups).</summary>
    public async Task<string> ActivateAsync(string operatingSystem, CalRequestEntries? company = null, string? productId = null)
    {
        await StartAsync("Activate a license server", "activate-server");
        await Field("Product ID").FillAsync(productId ?? NewProductId());
        await Field("Operating system").SelectOptionAsync(new SelectOptionValue { Label = operatingSystem });
        await NextAsync("activate-server", "contact", "Company information");
        await _shared.FillContactAsync(company ?? CalRequestEntries.ForNewServer());
        await NextAsync("activate-server", "review", "Review and submit");
        return await SubmitAsync("activate-server");
    }

    /// <summary>
    /// Reactivates a license server from "Select option"; returns its new License Server ID as shown. An ID from
    /// elsewhere (<paramref name="copiedFromElsewhere"/>) is confirmed as copied when the page asks.
    /// </summary>
    public async Task<string> ReactivateAsync(
        string serverId, string reason = "The license server has been redeployed", CalRequestEntries? company = null, bool copiedFromElsewhere = false)
    {
        await StartAsync("Reactivate a license server", "reactivate-server");
        await Field("License Server ID").FillAsync(serverId);
        await Field("Reason for reactivation").SelectOptionAsync(new SelectOptionValue { Label = reason });
        if (copiedFromElsewhere)
        {
            await NextRefusedAsync("Reactivate: License server, asking whether the ID was copied");
            await Field(Copied).CheckAsync();
        }

        await NextAsync("reactivate-server", "contact", "Company information");
        await _shared.FillContactAsync(company ?? CalRequestEntries.ForNewServer());
        await NextAsync("reactivate-server", "review", "Review and submit");
        return await SubmitAsync("reactivate-server");
    }

    public async Task StartAsync(string option, string segment)
    {
        await _shared.OpenSelectOptionAsync();
        await AfterEachPage(page, "Select option");
        await page.GetByRole(AriaRole.Link, new() { Name = option, Exact = true }).ClickAsync();
        await _shared.ExpectStepAsync(new Regex($"/{segment}$"), "License server");
        await AfterEachPage(page, $"{option}: License server");
    }

    /// <summary>Presses Next and waits for the step it should lead to.</summary>
    public async Task NextAsync(string segment, string step, string heading)
    {
        await _shared.NextAsync();
        await _shared.ExpectStepAsync(StepAddress(segment, step), heading);
        await AfterEachPage(page, $"{segment}: {heading}");
    }

    /// <summary>Presses Next expecting the same step back with its errors.</summary>
    public Task NextRefusedAsync(string name) => PressRefusedAsync("Next", name);

    /// <summary>Presses Submit expecting the review back with the refusal.</summary>
    public Task SubmitRefusedAsync(string name) => PressRefusedAsync("Submit", name);

    private async Task PressRefusedAsync(string button, string name)
    {
        // The same address comes back, maybe with the same errors: wait for the new document, not the one shown now.
        await page.EvaluateAsync("() => { document.documentElement.dataset.test = 'replaced'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(page.Locator("html[data-test='replaced']")).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await AfterEachPage(page, name);
    }

    /// <summary>Submits the review and returns the License Server ID the result shows.</summary>
    public async Task<string> SubmitAsync(string segment)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
        await _shared.ExpectStepAsync(StepAddress(segment, "result"), "Your License Server ID");
        await AfterEachPage(page, $"{segment}: result");
        var id = page.Locator("#license-server-id");
        await Expect(id).ToBeVisibleAsync();
        return (await id.TextContentAsync())!.Trim();
    }

    public static Regex StepAddress(string segment, string step) =>
        new($"/{Regex.Escape(segment)}/[0-9a-f-]{{36}}/{Regex.Escape(step)}(\\?[^/]*)?(#[^/]*)?$");

    /// <summary>A Product ID of the shape Windows shows (00490-92005-99454-AT527).</summary>
    public static string NewProductId() => string.Create(CultureInfo.InvariantCulture,
        $"{RandomNumberGenerator.GetInt32(100_000):D5}-{RandomNumberGenerator.GetInt32(100_000):D5}-{RandomNumberGenerator.GetInt32(100_000):D5}-AT{RandomNumberGenerator.GetInt32(1_000):D3}");

    /// <summary>The license server's ID in canonical form, as the API and the database hold it.</summary>
    public static string Canonical(string shown) => IdFormat.LicenseServerId.Parse(shown).Value!;
}

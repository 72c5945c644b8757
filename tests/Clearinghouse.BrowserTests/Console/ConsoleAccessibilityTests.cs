using Microsoft.Playwright;

namespace Clearinghouse.BrowserTests.Console;

/// <summary>
/// The console's pages in a real browser, checked by axe-core against WCAG 2.2 A and AA: the first-run setup, signing
/// in (with its errors), the accounts page, the audit trail and the lab administration pages. The browser portal starts with no account, so this walk
/// creates the first administrator through the setup page, as a new lab does.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ConsoleAccessibilityTests(PortalFixture portal)
{
    [Fact(Timeout = 120_000)]
    public async Task Setup_SignIn_Accounts_AndAudit_HaveNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        async Task CheckAsync(string name) => results.Add((name, await Axe.RunAsync(page)));
        const string email = "first-admin@example.com";
        const string password = "First-Admin-Password-1";

        await page.GotoAsync("/console/setup");
        await CheckAsync("Setup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the administrator" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Setup, with validation errors");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("First Admin");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Type the password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the administrator" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "/console").ToString());
        await CheckAsync("Console home, administrator");

        await page.GotoAsync("/console/admin/users");
        await CheckAsync("Accounts");
        await page.GetByLabel("Email address").FillAsync("representative@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Representative-Password-1");
        await page.GetByLabel("Type the password again").FillAsync("Representative-Password-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the representative" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Accounts, with validation errors");

        await page.GotoAsync("/console/admin/audit");
        await CheckAsync("Audit trail");

        // Lab administration: each page, and each form with its errors.
        await page.GotoAsync("/lab/purchases");
        await CheckAsync("Lab purchases");
        await page.GotoAsync("/lab/settings");
        await CheckAsync("Lab settings");
        await page.GetByLabel("Delay (milliseconds)").FillAsync("soon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save fault injection" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Lab settings, with validation errors");
        await page.GotoAsync("/lab/reset");
        await CheckAsync("Lab reset");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reset the lab" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Lab reset, not confirmed");
        await page.GotoAsync("/lab/phone-numbers?country=GB");
        await CheckAsync("Lab phone numbers");
        await page.GetByLabel("Telephone number", new() { Exact = true }).FillAsync("0207");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save number" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Lab phone numbers, with validation errors");
        await page.GotoAsync("/lab/key-packs");
        await CheckAsync("Lab key packs");
        await page.GotoAsync("/lab/key-packs?From=someday");
        await CheckAsync("Lab key packs, with a wrong filter");
        await page.GotoAsync("/lab/api-keys");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("axe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-new-key]")).ToBeVisibleAsync();
        await CheckAsync("Lab API keys, with a new key and the list");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "/console/sign-in").ToString());
        await CheckAsync("Sign in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Wrong-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("The email address or password is incorrect.");
        await CheckAsync("Sign in, wrong password");

        await page.GotoAsync("/console/setup");
        Assert.Equal("Page not found", (await page.Locator("h1").TextContentAsync())?.Trim());

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }
}

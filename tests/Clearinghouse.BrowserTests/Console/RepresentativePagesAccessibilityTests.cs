using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Clearinghouse.BrowserTests.Console;

/// <summary>
/// The representative's pages in a real browser, checked by axe-core against WCAG 2.2 A and AA: search with results,
/// a request's page with a group read back and re-checked, and a telephone deactivation with its code read back.
/// </summary>
/// <remarks>
/// The representative is created directly through Identity, not the setup page: the portal is shared with
/// <see cref="ConsoleAccessibilityTests"/>, whose walk creates the first administrator through setup, and a
/// representative leaves setup open.
/// </remarks>
[Collection(PortalCollection.Name)]
public sealed class RepresentativePagesAccessibilityTests(PortalFixture portal)
{
    private const string Email = "desk-representative@example.com";
    private const string Password = "Desk-Representative-Password-1";

    [Fact(Timeout = 120_000)]
    public async Task Search_Request_ReadBack_AndDeactivation_HaveNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        await CreateRepresentativeAsync();
        var (serverId, keyPackId) = await IssueThroughTheApiAsync();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        async Task CheckAsync(string name) => results.Add((name, await Axe.RunAsync(page)));

        await page.GotoAsync("/console/search");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "/console/search").ToString());
        await CheckAsync("Search");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("x");
        await page.GetByLabel("Search", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Search, too short");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(serverId[..12]);
        await page.GetByLabel("Search", new() { Exact = true }).PressAsync("Enter");
        var row = page.Locator("tr[data-request]", new() { HasText = keyPackId });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await CheckAsync("Search, with results");

        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#read-back")).ToBeVisibleAsync();
        await CheckAsync("Request");
        await page.GetByLabel("Group number").SelectOptionAsync("2");
        await page.GetByLabel("Characters read back").FillAsync(IdFormat.Compact(keyPackId).Substring(10, 5));
        await page.GetByRole(AriaRole.Button, new() { Name = "Check group" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-read-back-result]")).ToBeVisibleAsync();
        await CheckAsync("Request, with a read-back result");

        await page.GotoAsync("/console/calls/deactivate");
        await CheckAsync("Deactivate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Deactivate, with errors");
        await page.GetByLabel("License Server ID").FillAsync(serverId);
        await page.GetByLabel("The caller confirms that this license server is to be deactivated. This cannot be undone.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-read-back-id]")).ToBeVisibleAsync();
        await CheckAsync("Deactivated, the code read back");

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }

    private async Task CreateRepresentativeAsync()
    {
        await using var scope = portal.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        if (await users.FindByEmailAsync(Email) is not null)
        {
            return;
        }

        var user = AccountServices.NewUser(Email, "Desk Representative", TimeProvider.System);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Representative)).Succeeded);
    }

    /// <summary>A server activated and a key pack issued through the API (automatic method): the IDs as the API writes them.</summary>
    private async Task<(string ServerId, string KeyPackId)> IssueThroughTheApiAsync()
    {
        using var api = portal.NewApiClient();
        using var activated = await api.PostAsJsonAsync("/api/v1/license-servers", new
        {
            productId = "00490-92005-99454-AT527",
            operatingSystem = "windows-server-2022",
            company = new { firstName = "Ada", lastName = "Okafor", companyName = "Contoso Lab", countryRegion = "US" },
        });
        var server = await activated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(activated.IsSuccessStatusCode, server.ToString());
        var serverId = server.GetProperty("licenseServerId").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/license-servers/{serverId}/cal-requests")
        {
            Content = JsonContent.Create(new
            {
                kind = "install",
                licenseProgram = "enterprise-agreement",
                agreementNumber = "7654321",
                productVersion = "windows-server-2022",
                calType = "rds-per-user",
                quantity = 5,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.GetProperty("credential").GetString());
        using var issued = await api.SendAsync(request);
        var keyPack = await issued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(issued.IsSuccessStatusCode, keyPack.ToString());
        return (serverId, keyPack.GetProperty("keyPackId").GetString()!);
    }
}

using System.Net;
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
/// A whole call in a real browser, the way a representative takes one while listening: by keyboard only (Tab to a
/// field, type, Enter), no mouse. Sign in, take a Manage CALs call for a caller from Germany, read the key pack ID back
/// and re-check a group, then the caller's license server installs it through the API. axe-core checks every page of
/// the call against WCAG 2.2 A and AA, including the caller step's error state.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TelephoneCallBrowserTests(PortalFixture portal)
{
    private const string Email = "call-representative@example.com";
    private const string Password = "Call-Representative-Password-1";

    /// <summary>Counts pointer and mouse events across the call's pages: a keyboard-only walk leaves it at 0.</summary>
    private const string PointerCounter = """
        (() => {
            const count = () => sessionStorage.setItem('pointer-events', String(Number(sessionStorage.getItem('pointer-events') || '0') + 1));
            for (const type of ['pointerdown', 'mousedown', 'mouseup', 'contextmenu']) {
                window.addEventListener(type, count, true);
            }
        })();
        """;

    [Fact(Timeout = 180_000)]
    public async Task AManageCalsCall_ByKeyboardOnly_IsReadBack_AndInstallsThroughTheApi_WithNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        await CreateRepresentativeAsync();
        var (serverId, credential) = await ActivateThroughTheApiAsync();
        await using var context = await portal.NewContextAsync();
        await context.AddInitScriptAsync(PointerCounter);
        var page = await context.NewPageAsync();
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        async Task CheckAsync(string name) => results.Add((name, await Axe.RunAsync(page)));

        // Signing in: the console sends to the sign-in page and back to the new-call page.
        await page.GotoAsync("/console/calls");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await TypeIntoAsync(page, "Email address", Email);
        await TypeIntoAsync(page, "Password", Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "/console/calls").ToString());

        // The new-call page: the country list has the focus; starting without one says why, on the caller step.
        await CheckAsync("New call");
        await TabToAsync(page, "Manage CALs");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckAsync("Caller step, no country");

        await ChooseAsync(page, "Caller's country or region", "Germany", "DE");
        await TabToAsync(page, "Next");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/calls/manage-cals/[0-9a-f-]+/request$"));
        await Assertions.Expect(page.Locator(".call-context")).ToContainTextAsync("a caller from Germany");
        await CheckAsync("Request step");

        // The ID as the caller dictates it, in threes.
        var dictated = string.Join(' ', IdFormat.Compact(serverId).ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        await TypeIntoAsync(page, "Target License Server ID", dictated);
        await ChooseAsync(page, "Reason for recovery", "The source license server is being replaced", "replaced");
        await ChooseAsync(page, "License Program", "Enterprise Agreement", "enterprise-agreement");
        await TabToAsync(page, "Next");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/contact$"));
        await Assertions.Expect(page.GetByLabel("Country/region")).ToHaveValueAsync("DE");
        await CheckAsync("Contact step");

        await TypeIntoAsync(page, "Last name or surname", "Weber");
        await TypeIntoAsync(page, "First name or given name", "Jonas");
        await TypeIntoAsync(page, "Company name", "Fabrikam GmbH");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/program$"));
        await CheckAsync("Program step");

        await TypeIntoAsync(page, "Enrollment number", "4455667");
        await ChooseAsync(page, "Product version", "Windows Server 2022", "windows-server-2022");
        await ChooseAsync(page, "CAL type", "RDS Per User CAL", "rds-per-user");
        await TypeIntoAsync(page, "Quantity", "30");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review$"));
        await CheckAsync("Review step");

        await TabToAsync(page, "Submit");
        await page.Keyboard.PressAsync("Enter");

        // The request's page: the key pack ID in groups of 5, each character spelled; a group read back is checked.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/requests/[0-9a-f-]+#read-back$"));
        var keyPackId = IdFormat.Compact(await page.Locator("[data-read-back-id]").InnerTextAsync());
        await Assertions.Expect(page.Locator("#read-back [data-group]")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("#read-back [data-group='1']")).ToContainTextAsync(" as in ");
        await CheckAsync("Request page, read back");

        await ChooseAsync(page, "Group number", "3", "3");
        await TypeIntoAsync(page, "Characters read back", keyPackId.Substring(10, 5));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-read-back-result]")).ToHaveAttributeAsync("data-read-back-result", "Matches");
        await CheckAsync("Request page, a group checked");

        var pointerEvents = await page.EvaluateAsync<string?>("sessionStorage.getItem('pointer-events')");
        Assert.True(pointerEvents is null, $"The call used the mouse: {pointerEvents} pointer events.");

        // The caller types the ID into the license server, which installs it through the API.
        using var api = portal.NewApiClient();
        using var install = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/license-servers/{serverId}/key-pack-installations")
        {
            Content = JsonContent.Create(new { keyPackId = IdFormat.KeyPackId.Format(keyPackId) }),
        };
        install.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        using var installed = await api.SendAsync(install);
        var body = await installed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        Assert.Equal(30, body.GetProperty("quantity").GetInt32());

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }

    /// <summary>
    /// Presses Tab until the field or button named <paramref name="name"/> has the focus — so it is reachable by keyboard,
    /// in the page's tab order — failing after as many presses as a page can sensibly need.
    /// </summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            var focused = await page.EvaluateAsync<string?>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const label = e.id ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : null;
                    return (label ? label.textContent : (e.tagName === 'BUTTON' ? e.textContent : e.getAttribute('aria-label') ?? '')).trim();
                }
                """);
            if (focused == name)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached '{name}' on {page.Url}.");
    }

    private static async Task TypeIntoAsync(IPage page, string label, string text)
    {
        await TabToAsync(page, label);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Chooses from a list as a person at a keyboard does: Tab to it, type the option's first letters.</summary>
    private static async Task ChooseAsync(IPage page, string label, string typed, string expectedValue)
    {
        await TabToAsync(page, label);
        await page.Keyboard.TypeAsync(typed);
        await Assertions.Expect(page.GetByLabel(label, new() { Exact = true })).ToHaveValueAsync(expectedValue);
    }

    private async Task CreateRepresentativeAsync()
    {
        await using var scope = portal.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        if (await users.FindByEmailAsync(Email) is not null)
        {
            return;
        }

        var user = AccountServices.NewUser(Email, "Call Representative", TimeProvider.System);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Representative)).Succeeded);
    }

    /// <summary>The caller's license server, activated through the API: its ID and credential.</summary>
    private async Task<(string ServerId, string Credential)> ActivateThroughTheApiAsync()
    {
        using var api = portal.NewApiClient();
        using var activated = await api.PostAsJsonAsync("/api/v1/license-servers", new
        {
            productId = "00490-92005-99454-AT528",
            operatingSystem = "windows-server-2022",
            company = new { firstName = "Jonas", lastName = "Weber", companyName = "Fabrikam GmbH", countryRegion = "DE" },
        });
        var server = await activated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(activated.IsSuccessStatusCode, server.ToString());
        return (server.GetProperty("licenseServerId").GetString()!, server.GetProperty("credential").GetString()!);
    }
}

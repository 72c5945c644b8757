using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.Api;

/// <summary>
/// The API's Swagger page, where a license server's developer reads the API, checked by axe-core: Swagger UI's own theme
/// fails WCAG's contrast minimum, which wwwroot/css/swagger.css overrides.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SwaggerUiAccessibilityTests(PortalFixture portal)
{
    [Fact(Timeout = 90_000)]
    public async Task SwaggerPage_WithAnOperationExpanded_HasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/swagger");
        var operations = page.Locator(".opblock");
        await Expect(operations.First).ToBeVisibleAsync();
        var calRequests = page.Locator(".opblock-post", new() { HasText = "/cal-requests" });
        await calRequests.Locator(".opblock-summary-control").ClickAsync();
        await Expect(calRequests.Locator(".opblock-body .responses-table").First).ToBeVisibleAsync();

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, "axe-core found WCAG violations:\n" + Axe.Describe([("Swagger UI", violations)]));
    }
}

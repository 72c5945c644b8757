using Clearinghouse.BrowserTests.ManageCals;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.Hosting;

/// <summary>
/// The portal's Content-Security-Policy allows its own files only (no inline script or style): the pages, with site.js
/// doing its work, and Swagger UI run under it without a single violation reported by the browser.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(PortalFixture portal)
{
    [Fact(Timeout = 120_000)]
    public async Task SitePagesWithTheirScript_AndSwaggerUi_BreakNoContentSecurityPolicy()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };

        // Each document reports what its policy blocked, inline style attributes included.
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error(" +
            "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));");

        var wizard = new ManageCalsWizard(page);
        await wizard.WalkToResultAsync(CalRequestEntries.ForNewServer());

        // site.js ran: the print button is shown by the script only.
        await Expect(page.Locator("[data-print]").First).ToBeVisibleAsync();
        await page.GotoAsync("/no-such-page");
        await page.GotoAsync("/console/sign-in");
        await page.GotoAsync("/swagger");
        var operation = page.Locator(".opblock-post", new() { HasText = "/cal-requests" });
        await operation.Locator(".opblock-summary-control").ClickAsync();
        await Expect(operation.Locator(".opblock-body .responses-table").First).ToBeVisibleAsync();

        lock (violations)
        {
            Assert.True(violations.Count == 0, "The browser reported:\n" + string.Join('\n', violations));
        }
    }
}

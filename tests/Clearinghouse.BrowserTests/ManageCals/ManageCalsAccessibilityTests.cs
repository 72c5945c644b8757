using Microsoft.Playwright;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>Every page of the Manage CALs flow, checked by axe-core against WCAG 2.2 A and AA.</summary>
[Collection(PortalCollection.Name)]
public sealed class ManageCalsAccessibilityTests(PortalFixture portal)
{
    [Fact(Timeout = 90_000)]
    public async Task EveryPageOfTheFlow_IncludingValidationErrors_HasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail; // Says how to install axe-core before any page is opened.
        var entries = CalRequestEntries.ForNewServer(quantity: 4);
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        async Task CheckAsync(string name) => results.Add((name, await Axe.RunAsync(page)));

        await wizard.OpenSelectOptionAsync();
        await CheckAsync("Select option");

        await wizard.StartAsync();
        await CheckAsync("Step 1, Request");
        await wizard.NextAsync();
        await ExpectErrorsShownAsync(page);
        await CheckAsync("Step 1, Request, with validation errors");
        await wizard.FillRequestAsync(entries);
        await wizard.NextToContactAsync();
        await CheckAsync("Step 2, Contact information");
        await wizard.NextAsync();
        await ExpectErrorsShownAsync(page);
        await CheckAsync("Step 2, Contact information, with validation errors");
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();
        await CheckAsync("Step 3, License program details");
        await wizard.NextAsync();
        await ExpectErrorsShownAsync(page);
        await CheckAsync("Step 3, License program details, with validation errors");
        await wizard.FillProgramAsync(entries);
        await wizard.NextToReviewAsync();
        await CheckAsync("Step 4, Review and submit");
        await wizard.SubmitAsync();
        await CheckAsync("Result");

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }

    [Fact(Timeout = 90_000)]
    public async Task RequestStep_AskingWhetherAForeignIdWasCopied_HasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail;
        var entries = CalRequestEntries.ForForeignServer();
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());

        await wizard.StartAsync();
        await wizard.FillRequestAsync(entries);
        await wizard.NextAsync();
        await ExpectErrorsShownAsync(wizard.Page);
        await Assertions.Expect(wizard.Field("I copied this ID from the license server; use it as entered")).ToBeVisibleAsync();
        var violations = await Axe.RunAsync(wizard.Page);

        Assert.True(violations.Count == 0,
            "axe-core found WCAG violations:\n" + Axe.Describe([("Step 1, Request, asking whether the ID was copied", violations)]));
    }

    private static async Task ExpectErrorsShownAsync(IPage page)
    {
        // The expectation waits (and retries) for the page the post answered with; no separate wait for its load event,
        // which timed out on a busy machine after the page was already there.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Heading, new() { Name = "There is a problem" }))
            .ToBeVisibleAsync();
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>
/// Walks the Manage CALs wizard in a browser as a person does: fields found by their labels, buttons and links by
/// their text, each step confirmed by its address and heading before anything is typed into it.
/// </summary>
public sealed partial class ManageCalsWizard(IPage page)
{
    public IPage Page => page;

    /// <summary>The label as shown, e.g. "Company name"; exact, so "Phone" never finds another field.</summary>
    public ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    public async Task OpenSelectOptionAsync()
    {
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Select option", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        // An empty stylesheet or script still answers 200; make sure the page really got its style.
        var styleRules = await page.EvaluateAsync<int>(
            "() => Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0)");
        Assert.True(styleRules > 0, "The page's stylesheet arrived empty.");
    }

    /// <summary>From "Select option", follows "Manage CALs" to the first step.</summary>
    public async Task StartAsync()
    {
        await OpenSelectOptionAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage CALs", Exact = true }).ClickAsync();
        await ExpectStepAsync(StartAddress(), "Request");
    }

    /// <summary>Step 1. <paramref name="typeServerId"/> types the ID key by key (as-you-type formatting runs).</summary>
    public async Task FillRequestAsync(CalRequestEntries entries, string? serverIdAsEntered = null, bool typeServerId = false)
    {
        var idField = Field("Target License Server ID");
        var text = serverIdAsEntered ?? entries.FormattedServerId;
        if (typeServerId)
        {
            await idField.ClearAsync();
            await idField.PressSequentiallyAsync(text);
        }
        else
        {
            await idField.FillAsync(text);
        }

        await Field("Reason for recovery").SelectOptionAsync(new SelectOptionValue { Label = entries.Reason });
        await Field("License Program").SelectOptionAsync(new SelectOptionValue { Label = entries.LicenseProgram });
    }

    public async Task FillContactAsync(CalRequestEntries entries)
    {
        await Field("Last name or surname").FillAsync(entries.LastName);
        await Field("First name or given name").FillAsync(entries.FirstName);
        await Field("Company name").FillAsync(entries.CompanyName);
        await Field("Country/region").SelectOptionAsync(new SelectOptionValue { Label = entries.CountryRegion });
        await Field("City").FillAsync(entries.City);
        await Field("E-mail").FillAsync(entries.Email);
    }

    /// <summary>Step 3 for an agreement program (the reference field is labelled by the program, e.g. "Enrollment number").</summary>
    public async Task FillProgramAsync(CalRequestEntries entries)
    {
        await Field("Enrollment number").FillAsync(entries.EnrollmentNumber);
        await Field("Product version").SelectOptionAsync(new SelectOptionValue { Label = entries.ProductVersion });
        await Field("CAL type").SelectOptionAsync(new SelectOptionValue { Label = entries.CalType });
        await Field("Quantity").FillAsync(entries.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task NextAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

    public async Task NextToContactAsync()
    {
        await NextAsync();
        await ExpectStepAsync(StepAddress("contact"), "Contact information");
    }

    public async Task NextToProgramAsync()
    {
        await NextAsync();
        await ExpectStepAsync(StepAddress("program"), "License program details");
    }

    public async Task NextToReviewAsync()
    {
        await NextAsync();
        await ExpectStepAsync(StepAddress("review"), "Review and submit");
    }

    /// <summary>Submits the reviewed request and returns the license key pack ID the result page shows.</summary>
    public async Task<string> SubmitAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();
        await ExpectStepAsync(StepAddress("result"), "Your license key pack ID");
        var id = page.Locator("#key-pack-id");
        await Expect(id).ToBeVisibleAsync();
        return (await id.TextContentAsync())!.Trim();
    }

    /// <summary>From "Select option" to the review page with every step filled in.</summary>
    public async Task WalkToReviewAsync(CalRequestEntries entries)
    {
        await StartAsync();
        await FillRequestAsync(entries);
        await NextToContactAsync();
        await FillContactAsync(entries);
        await NextToProgramAsync();
        await FillProgramAsync(entries);
        await NextToReviewAsync();
    }

    /// <summary>The whole flow; returns the license key pack ID.</summary>
    public async Task<string> WalkToResultAsync(CalRequestEntries entries)
    {
        await WalkToReviewAsync(entries);
        return await SubmitAsync();
    }

    /// <summary>The review page's rows, label → value, as read on screen.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReviewRowsAsync()
    {
        var rows = await page.Locator(".summary__row").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('dt').innerText.trim(), r.querySelector('dd').innerText.trim()])");
        return rows.ToDictionary(r => r[0], r => r[1]);
    }

    /// <summary>Waits until the browser shows the step: its address, its loaded document, its heading.</summary>
    public async Task ExpectStepAsync(Regex address, string heading)
    {
        await Expect(page).ToHaveURLAsync(address);
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1, Exact = true })).ToBeVisibleAsync();
    }

    public static Regex StartAddress() => StartAddressPattern();

    public static Regex StepAddress(string step) =>
        new($"/manage-cals/[0-9a-f-]{{36}}/{Regex.Escape(step)}(#[^/]*)?$");

    [GeneratedRegex("/manage-cals$")]
    private static partial Regex StartAddressPattern();
}

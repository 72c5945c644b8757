using System.Security.Cryptography;
using Clearinghouse.Web.Licensing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>Several retail license codes in one request: a field per code, and "Add another code" with and without script.</summary>
[Collection(PortalCollection.Name)]
public sealed class LicenseCodeBrowserTests(PortalFixture portal)
{
    private const int TestTimeoutMs = 60_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AddAnotherCode_WithoutJavaScript_ShowsTheFormAgainWithOneMoreFieldAndKeepsWhatWasTyped()
    {
        var codes = NewCodes(3);
        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false });
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        await ToProgramStepAsync(wizard);

        await wizard.Field("License code 1").FillAsync(codes[0]);
        await wizard.Field("Quantity").FillAsync("6");
        await AddAnotherCodeAsync(page);
        await wizard.ExpectStepAsync(ManageCalsWizard.StepAddress("program?handler=AddCode"), "License program details");

        await Expect(wizard.Field("License code 1")).ToHaveValueAsync(codes[0]);
        await Expect(wizard.Field("Quantity")).ToHaveValueAsync("6");
        await Expect(wizard.Field("License code 2")).ToHaveValueAsync("");
        await Expect(wizard.Field("License code 2")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(codes[1]);
        await AddAnotherCodeAsync(page);
        await Expect(wizard.Field("License code 3")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(codes[2]);
        await SelectAsync(wizard, "Windows Server 2022", "RDS Per Device CAL");

        // Enter in a field means Next, not "Add another code".
        await wizard.Field("License code 3").PressAsync("Enter");
        await wizard.ExpectStepAsync(ManageCalsWizard.StepAddress("review"), "Review and submit");
        Assert.Equal(string.Join('\n', codes), (await wizard.ReviewRowsAsync())["License codes"]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task AddAnotherCode_WithJavaScript_AddsAFocusedNumberedFieldInPlace()
    {
        var codes = NewCodes(2);
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        await ToProgramStepAsync(wizard);
        var address = page.Url;

        await wizard.Field("License code 1").FillAsync(codes[0].ToLowerInvariant());
        await AddAnotherCodeAsync(page);

        Assert.Equal(address, page.Url); // no round trip
        var second = wizard.Field("License code 2");
        await Expect(second).ToBeFocusedAsync();
        await Expect(second).ToHaveAttributeAsync("name", "Input.LicenseCodes[1]");
        await Expect(second).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("one code in each field"));
        // The new field groups in fives while typing, like the first.
        await second.PressSequentiallyAsync(codes[1].ToLowerInvariant());
        await Expect(second).ToHaveValueAsync(codes[1]);
        await wizard.Field("Quantity").FillAsync("2");
        await SelectAsync(wizard, "Windows Server 2025", "VDI Suite");
        await wizard.NextToReviewAsync();

        Assert.Equal(string.Join('\n', codes), (await wizard.ReviewRowsAsync())["License codes"]);
    }

    [Fact(Timeout = 90_000)]
    public async Task ProgramStepForALicensePack_WithSeveralCodesAndErrors_HasNoWcagViolations()
    {
        _ = Axe.ScriptOrFail; // axe runs as a script, so the fields are added by script here; the server renders the errors.
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        var results = new List<(string Page, IReadOnlyList<AxeViolation> Violations)>();
        await ToProgramStepAsync(wizard);
        results.Add(("Program step, one code field", await Axe.RunAsync(page)));

        await AddAnotherCodeAsync(page);
        await Expect(wizard.Field("License code 2")).ToBeFocusedAsync();
        results.Add(("Program step, a field added", await Axe.RunAsync(page)));
        await wizard.Field("License code 1").FillAsync(ForeignCode());
        await wizard.Field("License code 2").FillAsync("BCDFG");
        await wizard.NextAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(wizard.Field("I copied these license codes from the License Pack; use them as entered")).ToBeVisibleAsync();
        await Expect(wizard.Field("License code 2")).ToHaveAttributeAsync("aria-invalid", "true");
        results.Add(("Program step, codes refused, asking whether they were copied", await Axe.RunAsync(page)));

        Assert.True(results.All(r => r.Violations.Count == 0), "axe-core found WCAG violations:\n" + Axe.Describe(results));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ProgramStepForALicensePack_OnAPhoneSizedScreen_NeedsNoHorizontalScrolling()
    {
        await using var context = await portal.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        await ToProgramStepAsync(wizard);
        await AddAnotherCodeAsync(wizard.Page);
        await wizard.Field("License code 2").FillAsync(NewCodes(1)[0]);

        var widths = await wizard.Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The program step scrolls sideways: {widths[0]} pixels of content in {widths[1]}.");
        var box = await wizard.Field("License code 2").BoundingBoxAsync() ?? throw new InvalidOperationException("The field is not rendered.");
        Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"The field spans x = {box.X} to {box.X + box.Width}.");
    }

    private static async Task ToProgramStepAsync(ManageCalsWizard wizard)
    {
        var entries = CalRequestEntries.ForNewServer() with { LicenseProgram = "License Pack (Retail Purchase)" };
        await wizard.StartAsync();
        await wizard.FillRequestAsync(entries);
        await wizard.NextToContactAsync();
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();
    }

    private static Task AddAnotherCodeAsync(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Add another code", Exact = true }).ClickAsync();

    private static async Task SelectAsync(ManageCalsWizard wizard, string version, string calType)
    {
        await wizard.Field("Product version").SelectOptionAsync(new SelectOptionValue { Label = version });
        await wizard.Field("CAL type").SelectOptionAsync(new SelectOptionValue { Label = calType });
        if (await wizard.Field("Quantity").InputValueAsync() == "")
        {
            await wizard.Field("Quantity").FillAsync("1");
        }
    }

    private static string[] NewCodes(int count)
    {
        using var random = RandomNumberGenerator.Create();
        return [.. Enumerable.Range(0, count).Select(_ => IdFormat.RetailLicenseCode.Format(IdFormat.RetailLicenseCode.Generate(random)))];
    }

    /// <summary>A code in the issuing alphabet that does not check out, as a real License Pack's may.</summary>
    private static string ForeignCode()
    {
        const string alphabet = "BCDFGHJKMPQRTVWXY2346789";
        while (true)
        {
            var code = string.Concat(RandomNumberGenerator.GetBytes(25).Select(b => alphabet[b % alphabet.Length]));
            if (IdFormat.RetailLicenseCode.Parse(code).FailedGroups.Count > 0)
            {
                return code;
            }
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearinghouse.Web.Licensing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>The Manage CALs flow in headless Chromium, against the real portal on a loopback port.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class ManageCalsBrowserTests(PortalFixture portal)
{
    private const int TestTimeoutMs = 60_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ManageCals_WalkedByAPerson_IssuesAKeyPackIdThatTheLicenseServerInstalls()
    {
        var entries = CalRequestEntries.ForNewServer(quantity: 37);
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;

        await wizard.StartAsync();
        // Typed as it might be read off a screen: lower case, no hyphens. The page groups it while typing.
        await wizard.FillRequestAsync(entries, entries.TargetLicenseServerId.ToLowerInvariant(), typeServerId: true);
        await Expect(wizard.Field("Target License Server ID")).ToHaveValueAsync(entries.FormattedServerId);
        await wizard.NextToContactAsync();
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();
        await Expect(page.GetByText("License program: Enterprise Agreement")).ToBeVisibleAsync();
        await wizard.FillProgramAsync(entries);
        await wizard.NextToReviewAsync();

        var review = await wizard.ReviewRowsAsync();
        Assert.Equal(entries.FormattedServerId, review["Target License Server ID"]);
        Assert.Equal(entries.Reason, review["Reason for recovery"]);
        Assert.Equal("Enterprise Agreement", review["License Program"]);
        Assert.Equal(entries.EnrollmentNumber, review["Enrollment number"]);
        Assert.Equal(entries.LastName, review["Last name or surname"]);
        Assert.Equal(entries.FirstName, review["First name or given name"]);
        Assert.Equal(entries.CompanyName, review["Company name"]);
        Assert.Equal(entries.CountryRegion, review["Country/region"]);
        Assert.Equal(entries.City, review["City"]);
        Assert.Equal(entries.Email, review["E-mail"]);
        Assert.Equal("Not given", review["Phone"]);
        Assert.Equal("Windows Server 2022", review["Product version"]);
        Assert.Equal("RDS Per User CAL", review["CAL type"]);
        Assert.Equal("37", review["Quantity"]);

        var keyPackId = await wizard.SubmitAsync();

        Assert.Matches(KeyPackIdShape(), keyPackId);
        var parsed = IdFormat.KeyPackId.Parse(keyPackId);
        Assert.True(parsed.IsValid, parsed.Error?.Message);
        Assert.Equal(IdOrigin.IssuedHere, parsed.Origin);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keep a copy of this ID" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Retain a copy of the license key pack ID.")).ToBeVisibleAsync();

        // The license server's side: it submits the ID the administrator typed in and gets the CALs.
        using var api = portal.NewApiClient();
        using var response = await api.PostAsJsonAsync(
            $"/api/v1/license-servers/{entries.FormattedServerId}/key-pack-installations", new { keyPackId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        using var contents = JsonDocument.Parse(body);
        Assert.Equal(keyPackId, contents.RootElement.GetProperty("keyPackId").GetString());
        Assert.Equal(entries.FormattedServerId, contents.RootElement.GetProperty("licenseServerId").GetString());
        Assert.Equal(37, contents.RootElement.GetProperty("quantity").GetInt32());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task RequestStep_WithAMistypedLicenseServerId_ExplainsTheMistakeNextToTheField()
    {
        var entries = CalRequestEntries.ForNewServer();
        var mistyped = MistypeOneCharacter(entries.TargetLicenseServerId, group: 3);
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;

        await wizard.StartAsync();
        await wizard.FillRequestAsync(entries, Format(mistyped));
        await wizard.NextAsync();

        await wizard.ExpectStepAsync(ManageCalsWizard.StartAddress(), "Request");
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToContainTextAsync("There is a problem");
        await Expect(summary).ToBeFocusedAsync();
        var summaryLink = summary.GetByRole(AriaRole.Link, new() { Name = "Group 3 of the Target License Server ID" });
        await Expect(summaryLink).ToBeVisibleAsync();

        var field = wizard.Field("Target License Server ID");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(field).ToHaveValueAsync(Format(mistyped));
        var describedBy = (await field.GetAttributeAsync("aria-describedby"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var message = page.Locator("#Input_TargetLicenseServerId-error");
        Assert.Contains("Input_TargetLicenseServerId-error", describedBy);
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToContainTextAsync(
            "Group 3 of the Target License Server ID does not check out. If this clearinghouse issued it, a character is " +
            "mistyped or two are swapped");
        await Expect(field).ToHaveAccessibleDescriptionAsync(new Regex("Group 3 of the Target License Server ID does not check out"));
        // Seen as well as heard: the field is outlined in the colour of its message.
        var messageColour = await message.EvaluateAsync<string>("e => getComputedStyle(e).color");
        await Expect(field).ToHaveCSSAsync("border-top-color", messageColour);

        // The summary's link takes the person to the field; the corrected ID goes through.
        await summaryLink.ClickAsync();
        await Expect(field).ToBeFocusedAsync();
        await field.FillAsync(entries.FormattedServerId);
        await wizard.NextToContactAsync();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ProgramStep_WithScript_OffersOnlyTheCalTypesSoldForTheChosenProductVersion()
    {
        var entries = CalRequestEntries.ForNewServer();
        await using var context = await portal.NewContextAsync();
        var wizard = new ManageCalsWizard(await context.NewPageAsync());

        await wizard.StartAsync();
        await wizard.FillRequestAsync(entries);
        await wizard.NextToContactAsync();
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();

        var versions = wizard.Field("Product version");
        var calTypes = wizard.Field("CAL type");
        await versions.SelectOptionAsync(new SelectOptionValue { Label = "Windows Server 2022" });
        await calTypes.SelectOptionAsync(new SelectOptionValue { Label = "RDS Per User CAL" });
        Assert.Equal(["Choose a CAL type", "RDS Per Device CAL", "RDS Per User CAL", "VDI Suite"], await OfferedAsync(calTypes));

        await versions.SelectOptionAsync(new SelectOptionValue { Label = "Windows Server 2008 R2 and earlier" });

        var offered = await OfferedAsync(calTypes);
        Assert.Contains("VDI Standard", offered);
        Assert.DoesNotContain("RDS Per User CAL", offered);
        // The choice that is no longer sold is dropped rather than submitted for the wrong version.
        await Expect(calTypes).ToHaveValueAsync("");

        await calTypes.SelectOptionAsync(new SelectOptionValue { Label = "VDI Standard" });
        await wizard.Field("Enrollment number").FillAsync(entries.EnrollmentNumber);
        await wizard.Field("Quantity").FillAsync("3");
        await wizard.NextToReviewAsync();
        var review = await wizard.ReviewRowsAsync();
        Assert.Equal("Windows Server 2008 R2 and earlier", review["Product version"]);
        Assert.Equal("VDI Standard", review["CAL type"]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ResultPage_DownloadReceipt_GivesATextFileWithTheKeyPackId()
    {
        var entries = CalRequestEntries.ForNewServer(quantity: 12);
        await using var context = await portal.NewContextAsync(new() { AcceptDownloads = true });
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;

        var keyPackId = await wizard.WalkToResultAsync(entries);

        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Download receipt" }).ClickAsync(),
            new() { Timeout = PortalFixture.ActionTimeoutMs });
        Assert.Matches(@"^license-key-pack-[BCDFGHJKMPQRTVWXY2346789]{5}\.txt$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var receipt = await File.ReadAllTextAsync(path);
        Assert.Contains(keyPackId, receipt, StringComparison.Ordinal);
        Assert.Contains(entries.FormattedServerId, receipt, StringComparison.Ordinal);
        Assert.Contains("Retain a copy of the license key pack ID", receipt, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ManageCals_WithoutJavaScript_WorksEndToEnd()
    {
        var entries = CalRequestEntries.ForNewServer(quantity: 8);
        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false });
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;

        await wizard.StartAsync();
        // Nothing groups the ID while typing; the server reads it as entered all the same.
        await wizard.FillRequestAsync(entries, entries.TargetLicenseServerId.ToLowerInvariant());
        await wizard.NextToContactAsync();
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();
        // Without script every CAL type is listed; choosing one not sold for the version is refused by the server.
        await wizard.FillProgramAsync(entries with { CalType = "VDI Standard" });
        await wizard.NextAsync();
        await wizard.ExpectStepAsync(ManageCalsWizard.StepAddress("program"), "License program details");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(wizard.Field("CAL type")).ToHaveAttributeAsync("aria-invalid", "true");
        await wizard.Field("CAL type").SelectOptionAsync(new SelectOptionValue { Label = entries.CalType });
        await wizard.NextToReviewAsync();
        Assert.Equal(entries.FormattedServerId, (await wizard.ReviewRowsAsync())["Target License Server ID"]);

        var keyPackId = await wizard.SubmitAsync();

        Assert.Matches(KeyPackIdShape(), keyPackId);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download receipt" })).ToBeVisibleAsync();
        // Copy and Print need script, so they are not offered.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy ID" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ManageCals_WithoutJavaScript_TakesAForeignLicenseServerIdOnceConfirmedAsCopied()
    {
        var entries = CalRequestEntries.ForForeignServer(quantity: 6);
        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false });
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;
        var copied = wizard.Field("I copied this ID from the license server; use it as entered");

        await wizard.StartAsync();
        await Expect(copied).ToHaveCountAsync(0);
        await wizard.FillRequestAsync(entries);
        await wizard.NextAsync();

        // It may be a typo of one of ours: the groups are named, and the person says where the ID came from.
        await wizard.ExpectStepAsync(ManageCalsWizard.StartAddress(), "Request");
        await Expect(page.Locator("#Input_TargetLicenseServerId-error")).ToContainTextAsync(
            "Groups 1, 2, 3, 4, 5, 6 and 7 of the Target License Server ID do not check out.");
        await Expect(copied).ToBeVisibleAsync();
        await Expect(copied).Not.ToBeCheckedAsync();
        await Expect(copied).ToHaveAccessibleDescriptionAsync(new Regex("do not check out"));
        await copied.CheckAsync();
        await wizard.NextToContactAsync();
        await wizard.FillContactAsync(entries);
        await wizard.NextToProgramAsync();
        await wizard.FillProgramAsync(entries);
        await wizard.NextToReviewAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check the Target License Server ID" })).ToBeVisibleAsync();
        Assert.Equal(entries.FormattedServerId, (await wizard.ReviewRowsAsync())["Target License Server ID"]);
        var keyPackId = await wizard.SubmitAsync();

        // The license server with that ID installs its key pack: the binding decides, not the check characters.
        using var api = portal.NewApiClient();
        using var response = await api.PostAsJsonAsync(
            $"/api/v1/license-servers/{entries.FormattedServerId}/key-pack-installations", new { keyPackId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task ResultPage_OnAPhoneSizedScreen_ShowsTheWholeIdWithoutHorizontalScrolling()
    {
        var entries = CalRequestEntries.ForNewServer(quantity: 5);
        await using var context = await portal.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var wizard = new ManageCalsWizard(await context.NewPageAsync());
        var page = wizard.Page;

        await wizard.WalkToReviewAsync(entries);
        await AssertNoHorizontalScrollingAsync(page, "review page");
        await wizard.SubmitAsync();

        await AssertNoHorizontalScrollingAsync(page, "result page");
        var id = page.Locator("#key-pack-id");
        var box = await id.BoundingBoxAsync() ?? throw new InvalidOperationException("The key pack ID is not rendered.");
        Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"The ID spans x = {box.X} to {box.X + box.Width} on a 375-pixel screen.");
        var clipped = await id.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth");
        Assert.False(clipped, "The key pack ID is wider than its box, so part of it is cut off.");
    }

    private static async Task AssertNoHorizontalScrollingAsync(IPage page, string where)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The {where} scrolls sideways: {widths[0]} pixels of content in {widths[1]}.");
    }

    /// <summary>The content of <c>select</c>'s options a person can still choose.</summary>
    private static Task<string[]> OfferedAsync(ILocator select) => select.EvaluateAsync<string[]>(
        "s => Array.from(s.options).filter(o => !o.hidden && !o.disabled).map(o => o.textContent.trim())");

    /// <summary>Replaces the first character of a group with another character of the issuing alphabet.</summary>
    private static string MistypeOneCharacter(string id, int group)
    {
        const string alphabet = "BCDFGHJKMPQRTVWXY2346789";
        var index = (group - 1) * 5;
        var replacement = alphabet[(alphabet.IndexOf(id[index], StringComparison.Ordinal) + 1) % alphabet.Length];
        var mistyped = string.Concat(id.AsSpan(0, index), replacement.ToString(), id.AsSpan(index + 1));
        Assert.False(IdFormat.LicenseServerId.Parse(mistyped).IsValid, "Every single substitution must be caught.");
        return mistyped;
    }

    private static string Format(string id) => IdFormat.LicenseServerId.Format(id);

    [GeneratedRegex("^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){6}$")]
    private static partial Regex KeyPackIdShape();
}

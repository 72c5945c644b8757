using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.Flows;

/// <summary>
/// The license program details step for a License Pack: one field per retail license code, and "Add another code",
/// which works without script — it saves nothing and shows the form again, as filled in, with one more field.
/// </summary>
public abstract class LicenseCodeFieldsTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string CodesAreCopied = "I copied these license codes from the License Pack; use them as entered";

    private ManageCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task ProgramStep_ShowsOneLabelledFieldForTheFirstCode()
    {
        var program = await ProgramStepAsync(NewWizard());

        var field = Assert.Single(program.Document.QuerySelectorAll("input[name^='Input.LicenseCodes']"));
        Assert.Equal("Input.LicenseCodes[0]", field.GetAttribute("name"));
        Assert.Equal("License code 1", program.Document.QuerySelector($"label[for='{field.Id}']")!.TextContent.Trim());
        Assert.Equal("License codes", program.Document.QuerySelector("fieldset legend")!.TextContent.Trim());
        Assert.Contains("codes-hint", field.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Null(program.Document.QuerySelector("textarea"));
    }

    [Fact]
    public async Task AddAnotherCode_KeepsEverythingTypedAddsOneEmptyFieldAndSavesNothing()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var id = ManageCalsWizard.RequestIdOf(program);
        var before = await factory.WithDbAsync(db => db.CalRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        var code = NewRetailCode();

        var response = await program.Form()
            .Fill("License code 1", code)
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", "12")
            .SubmitAsync("Add another code");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(wizard.Client, response);
        Assert.Equal(code, Value(page, "Input_LicenseCodes_0_"));
        Assert.Equal("", Value(page, "Input_LicenseCodes_1_"));
        Assert.Equal("License code 2", page.Document.QuerySelector("label[for='Input_LicenseCodes_1_']")!.TextContent.Trim());
        Assert.True(page.Document.GetElementById("Input_LicenseCodes_1_")!.HasAttribute("autofocus"));
        Assert.False(page.Document.GetElementById("Input_LicenseCodes_0_")!.HasAttribute("autofocus"));
        Assert.Equal("windows-server-2022", SelectedValue(page, "Input_ProductVersionCode"));
        Assert.Equal("rds-per-user", SelectedValue(page, "Input_CalTypeCode"));
        Assert.Equal("12", Value(page, "Input_Quantity"));
        Assert.Empty(ManageCalsWizard.ErrorSummary(page));
        var after = await factory.WithDbAsync(db => db.CalRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal((before.Version, null, null), (after.Version, after.RetailLicenseCodes, after.Quantity));
    }

    [Fact]
    public async Task AddAnotherCode_ThenNext_SavesFromTheStepsOwnAddress()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var codes = new[] { NewRetailCode(), NewRetailCode(), NewRetailCode() };

        var form = await wizard.FillLicenseCodesAsync(program, codes);

        // After "Add another code" the page's address ends in ?handler=AddCode; Next must still save the step.
        Assert.Equal(ManageCalsWizard.RequestIdOf(program).ToString(), form.Element.GetAttribute("action")!.Split('/')[2]);
        Assert.EndsWith("/program", form.Element.GetAttribute("action"), StringComparison.Ordinal);
        var review = await wizard.AcceptAsync(FillTheRest(form));
        Assert.Equal("review", ManageCalsWizard.Step(review));
        var id = ManageCalsWizard.RequestIdOf(review);
        Assert.Equal(string.Join('\n', codes), await StoredCodesAsync(id));
        Assert.Equal(
            string.Join('\n', codes.Select(IdFormat.RetailLicenseCode.Format)),
            IssuedRecord.Rows(review)["License codes"].Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PressingEnter_MeansNext_NotAddAnotherCode()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);

        // A form submitted without naming a button (Enter in a field) is sent by its first submit button.
        var review = await wizard.AcceptAsync(FillTheRest(program.Form().Fill("License code 1", NewRetailCode())));

        Assert.Equal("review", ManageCalsWizard.Step(review));
        var first = program.Document.QuerySelector("form button[type='submit']")!;
        Assert.Equal("Next", first.TextContent.Trim());
        Assert.Equal("true", first.GetAttribute("aria-hidden"));
        Assert.Equal("-1", first.GetAttribute("tabindex"));
    }

    [Fact]
    public async Task AddAnotherCode_StopsAtTheMostOneRequestTakes()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var max = CalRequestRules.MaxRetailLicenseCodes;

        var page = await wizard.AddLicenseCodeFieldsAsync(program, max);

        Assert.Equal(max, ManageCalsWizard.LicenseCodeFields(page));
        Assert.Empty(page.Document.QuerySelectorAll("button[formaction]"));
        Assert.Contains($"up to {max}", page.Document.GetElementById("codes-hint")!.TextContent, StringComparison.Ordinal);

        // A post of the handler anyway (a stale page, a crafted form) adds no field beyond the limit.
        var id = ManageCalsWizard.RequestIdOf(program);
        var crafted = page.Form();
        crafted.Element.SetAttribute("action", $"/manage-cals/{id}/program?handler=AddCode");
        var again = await HtmlPage.ReadAsync(wizard.Client, await crafted.SubmitAsync());
        Assert.Equal(max, ManageCalsWizard.LicenseCodeFields(again));

        var review = await wizard.AcceptAsync(FillTheRest(await wizard.FillLicenseCodesAsync(again, [.. Enumerable.Range(0, max).Select(_ => NewRetailCode())])));
        Assert.Equal("review", ManageCalsWizard.Step(review));
        Assert.Equal(max, (await StoredCodesAsync(id))!.Split('\n').Length);
    }

    [Fact]
    public async Task EmptyFields_AreIgnored_AndTheStepComesBackWithAFieldPerStoredCode()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var codes = new[] { NewRetailCode(), NewRetailCode() };

        var review = await wizard.AcceptAsync(FillTheRest(await wizard.FillLicenseCodesAsync(program, "", codes[0], "  ", codes[1], "")));

        var id = ManageCalsWizard.RequestIdOf(review);
        Assert.Equal($"{codes[0]}\n{codes[1]}", await StoredCodesAsync(id));
        var again = await wizard.OpenAsync($"/manage-cals/{id}/program");
        Assert.Equal(2, ManageCalsWizard.LicenseCodeFields(again));
        Assert.Equal(IdFormat.RetailLicenseCode.Format(codes[1]), Value(again, "Input_LicenseCodes_1_"));
    }

    [Fact]
    public async Task NoCodeAtAll_IsRefusedAtTheFirstField()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);

        var page = await wizard.RefuseAsync(FillTheRest(await wizard.FillLicenseCodesAsync(program, "", "")));

        Assert.StartsWith("Enter the license code from your License Pack", Assert.Single(ManageCalsWizard.ErrorSummary(page)), StringComparison.Ordinal);
        Assert.Equal("#Input_LicenseCodes_0_", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", page.Document.GetElementById("Input_LicenseCodes_0_")!.GetAttribute("aria-invalid"));
        Assert.Equal(2, ManageCalsWizard.LicenseCodeFields(page));
    }

    [Fact]
    public async Task ACodeAtFault_IsNamedByItsFieldsNumber_MarkedInvalid_AndLinkedFromTheSummary()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var mistyped = NewRetailCode().ToCharArray();
        mistyped[6] = mistyped[6] == 'B' ? 'C' : 'B'; // group 2
        var good = NewRetailCode();

        var page = await wizard.RefuseAsync(FillTheRest(await wizard.FillLicenseCodesAsync(program, good, new string(mistyped), good)));

        var summary = ManageCalsWizard.ErrorSummary(page);
        Assert.Equal(2, summary.Count);
        Assert.StartsWith("Group 2 of the license code 2 does not check out.", summary[0], StringComparison.Ordinal);
        Assert.Equal("License code 3 repeats license code 1.", summary[1]);
        Assert.Equal(["#Input_LicenseCodes_1_", "#Input_LicenseCodes_2_"],
            page.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        var field = page.Document.GetElementById("Input_LicenseCodes_1_")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Equal(["codes-hint", "Input_LicenseCodes_1_-error"], field.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Contains("license code 2", page.Document.GetElementById("Input_LicenseCodes_1_-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.GetElementById("Input_LicenseCodes_0_")!.GetAttribute("aria-invalid"));
        Assert.Equal(new string(mistyped), Value(page, "Input_LicenseCodes_1_"));
    }

    [Fact]
    public async Task Confirmation_IsDescribedByTheRefusedCodes_AndStaysTickedWhenAFieldIsAdded()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var ours = NewRetailCode();
        var foreign = AlphabetOnlyIds.New(IdFormat.RetailLicenseCode);
        var refused = await wizard.RefuseAsync(FillTheRest(await wizard.FillLicenseCodesAsync(program, ours, foreign)));
        var box = refused.Document.GetElementById("Input_LicenseCodesAreCopied")!;
        Assert.Equal("Input_LicenseCodes_1_-error", box.GetAttribute("aria-describedby"));

        var added = await HtmlPage.ReadAsync(wizard.Client, await refused.Form().Check(CodesAreCopied).SubmitAsync("Add another code"));

        Assert.Equal(3, ManageCalsWizard.LicenseCodeFields(added));
        Assert.True(added.Document.GetElementById("Input_LicenseCodesAreCopied")!.HasAttribute("checked"));
        var another = NewRetailCode();
        var review = await wizard.AcceptAsync(added.Form().Fill("License code 3", another));
        var id = ManageCalsWizard.RequestIdOf(review);
        Assert.Equal($"{ours}\n{foreign}\n{another}", await StoredCodesAsync(id));
        Assert.NotNull(review.Document.GetElementById("foreign-codes-notice"));
    }

    [Fact]
    public async Task AddingAFieldWhileACodeDoesNotCheckOut_DoesNotAskForConfirmationBeforeSayingWhy()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);

        var added = await HtmlPage.ReadAsync(wizard.Client, await program.Form()
            .Fill("License code 1", AlphabetOnlyIds.New(IdFormat.RetailLicenseCode))
            .SubmitAsync("Add another code"));

        Assert.Equal(2, ManageCalsWizard.LicenseCodeFields(added));
        Assert.Null(added.Document.GetElementById("Input_LicenseCodesAreCopied"));
    }

    [Fact]
    public async Task AddAnotherCode_ForASubmittedRequest_ShowsTheResult_AndForAnotherFlowsAddress_IsNotFound()
    {
        var wizard = NewWizard();
        var program = await ProgramStepAsync(wizard);
        var id = ManageCalsWizard.RequestIdOf(program);
        var form = program.Form().Fill("License code 1", NewRetailCode());
        await wizard.AcceptAsync((await wizard.AcceptAsync(FillTheRest(program.Form().Fill("License code 1", NewRetailCode())))).Form());

        var stale = await form.SubmitAsync("Add another code");
        form.Element.QuerySelector("button[formaction]")!.SetAttribute("formaction", $"/install-cals/{id}/program?handler=AddCode");
        var elsewhere = await form.SubmitAsync("Add another code");

        Assert.Equal(HttpStatusCode.Found, stale.StatusCode);
        Assert.Equal($"/manage-cals/{id}/result", stale.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    private static async Task<HtmlPage> ProgramStepAsync(ManageCalsWizard wizard) =>
        await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));

    private static HtmlForm FillTheRest(HtmlForm form) =>
        form.Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "10");

    private Task<string?> StoredCodesAsync(Guid id) =>
        factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == id).Select(r => r.RetailLicenseCodes).SingleAsync());

    private static string? Value(HtmlPage page, string id) => page.Document.GetElementById(id)!.GetAttribute("value");

    private static string? SelectedValue(HtmlPage page, string selectId) =>
        page.Document.GetElementById(selectId)!.QuerySelector("option[selected]")?.GetAttribute("value");

    private static string NewRetailCode()
    {
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        return IdFormat.RetailLicenseCode.Generate(random);
    }
}

public sealed class LicenseCodeFieldsTestsOnSqlite(ClearinghouseFactory factory) : LicenseCodeFieldsTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class LicenseCodeFieldsTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : LicenseCodeFieldsTests<PostgreSqlClearinghouseFactory>(factory);

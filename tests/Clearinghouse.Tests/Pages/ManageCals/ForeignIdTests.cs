using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>
/// Lenient mode (the default): License Server IDs and license codes from elsewhere are welcome, typos in ours are still
/// caught. An ID in the issuing alphabet that does not check out is taken once the person confirms it was copied.
/// </summary>
public abstract class ForeignIdTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string TargetIsCopied = "I copied this ID from the license server; use it as entered";

    private const string CodesAreCopied = "I copied these license codes from the License Pack; use them as entered";

    private ManageCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Request_WithAServerIdInTheIssuingAlphabetThatDoesNotCheckOut_NamesTheGroupsAndAsksWhetherItWasCopied()
    {
        var wizard = NewWizard();
        var foreign = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        var start = await wizard.OpenAsync();
        Assert.Null(start.Document.GetElementById("Input_TargetLicenseServerIdIsCopied"));
        var before = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var page = await wizard.RefuseAsync(FillRequest(start, IdFormat.LicenseServerId.Format(foreign)));

        var message = page.Document.GetElementById("Input_TargetLicenseServerId-error")!.TextContent;
        Assert.Contains(
            "Groups 1, 2, 3, 4, 5, 6 and 7 of the Target License Server ID do not check out. If this clearinghouse " +
            "issued it, a character is mistyped or two are swapped: compare it character by character with the " +
            $"original. If you copied it from the license server, tick \"{TargetIsCopied}\".",
            message, StringComparison.Ordinal);
        var box = page.Document.GetElementById("Input_TargetLicenseServerIdIsCopied")!;
        Assert.Equal("checkbox", box.GetAttribute("type"));
        Assert.False(box.HasAttribute("checked"));
        Assert.Equal(TargetIsCopied, page.Document.QuerySelector("label[for='Input_TargetLicenseServerIdIsCopied']")!.TextContent.Trim());
        Assert.Contains("Input_TargetLicenseServerId-error", box.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task Request_WithAServerIdConfirmedAsCopied_IsTakenAndMarkedForeignThroughToTheIssuedKeyPack()
    {
        var wizard = NewWizard();
        var foreign = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        var refused = await wizard.RefuseAsync(FillRequest(await wizard.OpenAsync(), IdFormat.LicenseServerId.Format(foreign)));

        var contact = await wizard.AcceptAsync(refused.Form().Check(TargetIsCopied));

        Assert.Equal("contact", ManageCalsWizard.Step(contact));
        var requestId = ManageCalsWizard.RequestIdOf(contact);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal((foreign, true), (stored.TargetLicenseServerId, stored.TargetLicenseServerIdIsForeign));

        // Back on step 1 the box is there and still ticked, so saving the step again keeps the ID.
        var again = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        Assert.True(again.Document.GetElementById("Input_TargetLicenseServerIdIsCopied")!.HasAttribute("checked"));
        Assert.Equal("contact", ManageCalsWizard.Step(await wizard.AcceptAsync(again.Form())));

        var review = await wizard.AcceptAsync(await FillLicensePackAsync(wizard, await wizard.ContactAsync(contact), NewRetailCode()));
        var notice = review.Document.GetElementById("foreign-id-notice");
        Assert.NotNull(notice);
        Assert.Contains("was not issued here", notice.TextContent, StringComparison.Ordinal);
        Assert.Null(review.Document.GetElementById("foreign-codes-notice"));

        var result = await wizard.AcceptAsync(review.Form());
        var keyPackId = IdFormat.KeyPackId.Parse(ManageCalsWizard.KeyPackIdOn(result)).Value;
        var keyPack = await factory.WithDbAsync(db => db.KeyPacks.SingleAsync(k => k.Id == keyPackId));
        Assert.Equal(foreign, keyPack.LicenseServerId);
        var server = await factory.WithDbAsync(db => db.LicenseServers.SingleAsync(s => s.Id == foreign));
        Assert.False(server.IssuedHere);
    }

    [Fact]
    public async Task Request_WhenAConfirmedForeignIdIsCorrectedToOneOfOurs_IsNoLongerForeign()
    {
        var wizard = NewWizard();
        var refused = await wizard.RefuseAsync(FillRequest(await wizard.OpenAsync(), AlphabetOnlyIds.New(IdFormat.LicenseServerId)));
        var contact = await wizard.AcceptAsync(refused.Form().Check(TargetIsCopied));
        var requestId = ManageCalsWizard.RequestIdOf(contact);
        var ours = KeyPacks.NewLicenseServerId();

        var step1 = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        await wizard.AcceptAsync(step1.Form().Fill("Target License Server ID", ours));

        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal((ours, false), (stored.TargetLicenseServerId, stored.TargetLicenseServerIdIsForeign));
        var reopened = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        Assert.Null(reopened.Document.GetElementById("Input_TargetLicenseServerIdIsCopied"));
    }

    [Fact]
    public async Task Request_WithAServerIdOutsideTheIssuingAlphabet_IsTakenWithoutAskingAndMarkedForeign()
    {
        var wizard = NewWizard();

        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), "a1b2c-3d4e5-f6g7h-8i9j0-klmno-pqrst-uvwxy");

        var requestId = ManageCalsWizard.RequestIdOf(contact);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal(("A1B2C3D4E5F6G7H8I9J0KLMNOPQRSTUVWXY", true), (stored.TargetLicenseServerId, stored.TargetLicenseServerIdIsForeign));
        var again = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        Assert.Null(again.Document.GetElementById("Input_TargetLicenseServerIdIsCopied"));
    }

    [Fact]
    public async Task Request_WithOneMistypedGroupInOneOfOurIds_NamesThatGroupOnly()
    {
        var wizard = NewWizard();
        var id = KeyPacks.NewLicenseServerId().ToCharArray();
        id[8] = id[8] == 'B' ? 'C' : 'B'; // group 2

        var page = await wizard.RefuseAsync(FillRequest(await wizard.OpenAsync(), new string(id)));

        var summary = Assert.Single(ManageCalsWizard.ErrorSummary(page));
        Assert.StartsWith(
            "Group 2 of the Target License Server ID does not check out. If this clearinghouse issued it, a character is " +
            "mistyped or two are swapped",
            summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_WithLicenseCodesInTheIssuingAlphabetThatDoNotCheckOut_NamesEachFieldAndAsksWhetherTheyWereCopied()
    {
        var wizard = NewWizard();
        var program = await ProgramStepForALicensePackAsync(wizard);
        var ours = NewRetailCode();
        var foreign = AlphabetOnlyIds.New(IdFormat.RetailLicenseCode);
        var another = AlphabetOnlyIds.New(IdFormat.RetailLicenseCode);

        var page = await wizard.RefuseAsync(await FillLicensePackAsync(wizard, program, ours, IdFormat.RetailLicenseCode.Format(foreign), another));

        var summary = ManageCalsWizard.ErrorSummary(page);
        Assert.Equal(2, summary.Count);
        Assert.StartsWith(
            "Groups 1, 2, 3, 4 and 5 of the license code 2 do not check out. If this clearinghouse issued it, a " +
            "character is mistyped or two are swapped: compare it character by character with the original. If you " +
            $"copied it from the License Pack, tick \"{CodesAreCopied}\".",
            summary[0], StringComparison.Ordinal);
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code 3 do not check out", summary[1], StringComparison.Ordinal);
        Assert.Equal(CodesAreCopied, page.Document.QuerySelector("label[for='Input_LicenseCodesAreCopied']")!.TextContent.Trim());
        Assert.False(page.Document.GetElementById("Input_LicenseCodesAreCopied")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Program_WithLicenseCodesConfirmedAsCopied_IsTakenAndTheReviewSaysTheyCouldNotBeChecked()
    {
        var wizard = NewWizard();
        var program = await ProgramStepForALicensePackAsync(wizard);
        var ours = NewRetailCode();
        var foreign = AlphabetOnlyIds.New(IdFormat.RetailLicenseCode);
        var refused = await wizard.RefuseAsync(await FillLicensePackAsync(wizard, program, ours, foreign));

        var review = await wizard.AcceptAsync(refused.Form().Check(CodesAreCopied));

        Assert.Equal("review", ManageCalsWizard.Step(review));
        Assert.NotNull(review.Document.GetElementById("foreign-codes-notice"));
        Assert.Null(review.Document.GetElementById("foreign-id-notice"));
        Assert.Contains(IdFormat.RetailLicenseCode.Format(foreign), review.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var requestId = ManageCalsWizard.RequestIdOf(review);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal(($"{ours}\n{foreign}", true), (stored.RetailLicenseCodes, stored.RetailLicenseCodesAreForeign));
        var again = await wizard.OpenAsync($"/manage-cals/{requestId}/program");
        Assert.True(again.Document.GetElementById("Input_LicenseCodesAreCopied")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Program_WithALicenseCodeOutsideTheIssuingAlphabet_IsTakenWithoutAskingAndMarkedForeign()
    {
        var wizard = NewWizard();
        var program = await ProgramStepForALicensePackAsync(wizard);

        var review = await wizard.AcceptAsync(await FillLicensePackAsync(wizard, program, "ABCDE-12345-FGHIJ-67890-KLMNO"));

        Assert.NotNull(review.Document.GetElementById("foreign-codes-notice"));
        var requestId = ManageCalsWizard.RequestIdOf(review);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.True(stored.RetailLicenseCodesAreForeign);
    }

    [Fact]
    public async Task Program_WithOnlyLicenseCodesIssuedHere_IsNotMarkedForeign()
    {
        var wizard = NewWizard();
        var program = await ProgramStepForALicensePackAsync(wizard);

        var review = await wizard.AcceptAsync(await FillLicensePackAsync(wizard, program, NewRetailCode(), NewRetailCode()));

        Assert.Null(review.Document.GetElementById("foreign-codes-notice"));
        var requestId = ManageCalsWizard.RequestIdOf(review);
        Assert.False(await factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == requestId).Select(r => r.RetailLicenseCodesAreForeign).SingleAsync()));
    }

    [Fact]
    public async Task ChangingTheProgram_DropsTheLicenseCodesAndTheirForeignMark()
    {
        var wizard = NewWizard();
        var review = await wizard.AcceptAsync(await FillLicensePackAsync(wizard, await ProgramStepForALicensePackAsync(wizard), "ABCDE-12345-FGHIJ-67890-KLMNO"));
        var requestId = ManageCalsWizard.RequestIdOf(review);

        var request = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        await wizard.AcceptAsync(request.Form().Fill("License Program", "Select License"));

        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal((null, false), (stored.RetailLicenseCodes, stored.RetailLicenseCodesAreForeign));
    }

    private static HtmlForm FillRequest(HtmlPage page, string serverId) =>
        page.Form()
            .Fill("Target License Server ID", serverId)
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "License Pack (Retail Purchase)");

    private static async Task<HtmlForm> FillLicensePackAsync(ManageCalsWizard wizard, HtmlPage page, params string[] codes) =>
        (await wizard.FillLicenseCodesAsync(page, codes))
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "10");

    private static async Task<HtmlPage> ProgramStepForALicensePackAsync(ManageCalsWizard wizard) =>
        await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));

    private static string NewRetailCode()
    {
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        return IdFormat.RetailLicenseCode.Generate(random);
    }
}

public sealed class ForeignIdTestsOnSqlite(ClearinghouseFactory factory) : ForeignIdTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ForeignIdTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ForeignIdTests<PostgreSqlClearinghouseFactory>(factory);

using AngleSharp.Dom;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>
/// Strict mode (Licensing:Mode = Strict): only IDs issued here count, so a failed check is a typing error naming the
/// group, and an ID with characters outside the issuing alphabet is refused.
/// </summary>
public abstract class StrictModeTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly WebApplicationFactory<Program> _strict =
        factory.WithWebHostBuilder(builder => builder.UseSetting("Licensing:Mode", "Strict"));

    private ManageCalsWizard NewWizard() =>
        new(_strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));

    [Fact]
    public async Task Request_WithAServerIdInTheIssuingAlphabetThatDoesNotCheckOut_IsATypingErrorAndOffersNoWayAround()
    {
        var wizard = NewWizard();
        var id = KeyPacks.NewLicenseServerId().ToCharArray();
        id[27] = id[27] == 'B' ? 'C' : 'B'; // group 6
        var form = FillRequest(await wizard.OpenAsync(), new string(id));
        AddCheckedBox(form, "Input.TargetLicenseServerIdIsCopied"); // as if a lenient page had been open before the switch
        var before = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var page = await wizard.RefuseAsync(form);

        Assert.Equal(
            [
                "Group 6 of the Target License Server ID does not check out: a character is mistyped or two are swapped. " +
                "Compare it character by character with the original.",
            ],
            ManageCalsWizard.ErrorSummary(page));
        Assert.Null(page.Document.GetElementById("Input_TargetLicenseServerIdIsCopied"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task Request_WithAForeignServerIdInTheIssuingAlphabet_IsRefused()
    {
        var wizard = NewWizard();

        var page = await wizard.RefuseAsync(FillRequest(await wizard.OpenAsync(), AlphabetOnlyIds.New(IdFormat.LicenseServerId)));

        Assert.StartsWith("Groups 1, 2, 3, 4, 5, 6 and 7 of the Target License Server ID do not check out: a character is mistyped",
            Assert.Single(ManageCalsWizard.ErrorSummary(page)), StringComparison.Ordinal);
        Assert.Null(page.Document.GetElementById("Input_TargetLicenseServerIdIsCopied"));
    }

    [Fact]
    public async Task Request_WithAServerIdOutsideTheIssuingAlphabet_IsRefusedBecauseOnlyIdsIssuedHereCount()
    {
        var wizard = NewWizard();

        var page = await wizard.RefuseAsync(FillRequest(await wizard.OpenAsync(), "12345-67890-ABCDE-FGHIJ-KLMNO-PQRST-UVWXY"));

        Assert.Equal(
            [
                "Group 1 of the Target License Server ID contains '1' (character 1), which License Server IDs issued here " +
                "never contain: they use only the letters BCDFGHJKMPQRTVWXY and the digits 2346789. In strict mode only " +
                "License Server IDs issued here are accepted.",
            ],
            ManageCalsWizard.ErrorSummary(page));
    }

    [Fact]
    public async Task Walk_WithIdsAndCodesIssuedHere_IssuesAKeyPackThatIsNotForeign()
    {
        var wizard = NewWizard();
        var serverId = (await factory.ActivateServerAsync()).Id;
        var code = NewRetailCode();
        await factory.RegisterAsync("license-pack", code, 10, calType: "rds-per-device");
        var program = await wizard.ContactAsync(await wizard.AcceptAsync(FillRequest(await wizard.OpenAsync(), serverId)));

        var review = await wizard.AcceptAsync(await FillLicensePackAsync(wizard, program, code));

        Assert.Null(review.Document.GetElementById("foreign-id-notice"));
        Assert.Null(review.Document.GetElementById("foreign-codes-notice"));
        var requestId = ManageCalsWizard.RequestIdOf(review);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal((serverId, false, false), (stored.TargetLicenseServerId, stored.TargetLicenseServerIdIsForeign, stored.RetailLicenseCodesAreForeign));
    }

    [Fact]
    public async Task Program_WithALicenseCodeThatDoesNotCheckOut_IsATypingErrorNamingFieldAndGroup()
    {
        var wizard = NewWizard();
        var program = await wizard.ContactAsync(await wizard.AcceptAsync(FillRequest(await wizard.OpenAsync(), (await factory.ActivateServerAsync()).Id)));
        var mistyped = NewRetailCode().ToCharArray();
        mistyped[13] = mistyped[13] == 'B' ? 'C' : 'B'; // group 3
        var form = await FillLicensePackAsync(wizard, program, NewRetailCode(), new string(mistyped));
        AddCheckedBox(form, "Input.LicenseCodesAreCopied");

        var page = await wizard.RefuseAsync(form);

        Assert.Equal(
            [
                "Group 3 of the license code 2 does not check out: a character is mistyped or two are swapped. " +
                "Compare it character by character with the original.",
            ],
            ManageCalsWizard.ErrorSummary(page));
        Assert.Null(page.Document.GetElementById("Input_LicenseCodesAreCopied"));
    }

    [Fact]
    public async Task Program_WithALicenseCodeOutsideTheIssuingAlphabet_IsRefusedBecauseOnlyCodesIssuedHereCount()
    {
        var wizard = NewWizard();
        var program = await wizard.ContactAsync(await wizard.AcceptAsync(FillRequest(await wizard.OpenAsync(), (await factory.ActivateServerAsync()).Id)));

        var page = await wizard.RefuseAsync(await FillLicensePackAsync(wizard, program, "BCDFG-HJKMP-QRTVA-XY234-6789B"));

        var message = Assert.Single(ManageCalsWizard.ErrorSummary(page));
        Assert.StartsWith("Group 3 of the license code contains 'A' (character 5), which license codes issued here never contain",
            message, StringComparison.Ordinal);
        Assert.EndsWith("In strict mode only license codes issued here are accepted.", message, StringComparison.Ordinal);
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

    /// <summary>Sends a ticked check box the page does not show, as a hand-made or stale form could.</summary>
    private static void AddCheckedBox(HtmlForm form, string name)
    {
        var box = form.Element.Owner!.CreateElement("input");
        box.SetAttribute("type", "hidden");
        box.SetAttribute("name", name);
        box.SetAttribute("value", "true");
        form.Element.AppendChild(box);
    }

    private static string NewRetailCode()
    {
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        return IdFormat.RetailLicenseCode.Generate(random);
    }
}

public sealed class StrictModeTestsOnSqlite(ClearinghouseFactory factory) : StrictModeTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class StrictModeTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : StrictModeTests<PostgreSqlClearinghouseFactory>(factory);

using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.Flows;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Pages.InstallCals;

/// <summary>
/// Install client access licenses refuses what the clearinghouse would refuse on the step where the person can put it
/// right — with the message the issuer would give at submit — and saves nothing; what only changes after the step (a
/// race) is refused on the review page with the same message.
/// </summary>
public abstract class InstallCalsRulesTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string Reactivated =
        "This license server has been reactivated since: it was given a new License Server ID, and this one is no longer " +
        "accepted. Enter the License Server ID the license server shows now (in RD Licensing Manager, right-click the " +
        "server, then Properties).";

    private InstallCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Request_WithAReactivatedServersOldId_IsRefusedThereWithoutGivingTheNewId_AndSavesNothing()
    {
        var wizard = NewWizard();
        var old = await factory.ActivateServerAsync();
        var reactivated = await factory.ReactivateAsync(old.Id);
        var before = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var page = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("License Server ID", IdFormat.LicenseServerId.Format(old.Id))
            .Fill("License Program", "Enterprise Agreement"));

        StepRefusals.AssertRefusedOn(page, "Input_LicenseServerId", Reactivated);
        Assert.DoesNotContain(IdFormat.LicenseServerId.Format(reactivated.Server!.Id), page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(IdFormat.LicenseServerId.Format(old.Id), page.Document.GetElementById("Input_LicenseServerId")!.GetAttribute("value"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task Request_WithADeactivatedServersId_IsRefusedThere_AndSavesNothing()
    {
        var wizard = NewWizard();
        var server = await factory.ActivateServerAsync();
        await factory.WithServicesAsync(services =>
            services.GetRequiredService<ServerDeactivation>().DeactivateAsync(server.Id));
        var before = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var page = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("License Server ID", IdFormat.LicenseServerId.Format(server.Id))
            .Fill("License Program", "Enterprise Agreement"));

        StepRefusals.AssertRefusedOn(page, "Input_LicenseServerId",
            "This license server has been deactivated, so its License Server ID is no longer accepted. To use it again, " +
            "activate the license server anew and enter the License Server ID it is given then.");
        Assert.Equal(before, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task Request_WhenAnExistingRequestIsChangedToAReactivatedServersOldId_IsRefusedAndKeepsTheIdItHad()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), serverId);
        var id = ManageCalsWizard.RequestIdOf(contact);
        var old = await factory.ActivateServerAsync();
        await factory.ReactivateAsync(old.Id);

        var page = await wizard.RefuseAsync((await wizard.OpenAsync($"/install-cals/{id}/request")).Form()
            .Fill("License Server ID", old.Id));

        StepRefusals.AssertRefusedOn(page, "Input_LicenseServerId", Reactivated);
        Assert.Equal(serverId, (await factory.RequestAsync(id)).TargetLicenseServerId);
    }

    [Fact]
    public async Task Program_WithCalsNewerThanTheServerRuns_IsRefusedOnTheProductVersionNamingBoth_AndSavesNothing()
    {
        var wizard = NewWizard();
        var server = await factory.ActivateServerAsync("windows-server-2019");
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), server.Id));
        var id = ManageCalsWizard.RequestIdOf(program);
        var version = (await factory.RequestAsync(id)).Version;

        var page = await wizard.RefuseAsync(FillAgreement(program, "Windows Server 2022", "25"));

        StepRefusals.AssertRefusedOn(page, "Input_ProductVersionCode",
            "Windows Server 2022 CALs cannot be installed on this license server: it runs Windows Server 2019, and a " +
            "license server accepts CALs of its own version or older. Choose Windows Server 2019 or earlier, or request " +
            "the CALs for a license server that runs Windows Server 2022 or later.");
        var stored = await factory.RequestAsync(id);
        Assert.Equal((version, null, null, null), (stored.Version, stored.AgreementNumber, stored.ProductVersionCode, stored.Quantity));

        var review = await wizard.AcceptAsync(FillAgreement(page, "Windows Server 2019", "25"));
        Assert.Equal("review", ManageCalsWizard.Step(review));
    }

    [Fact]
    public async Task Program_WithALicenseCodeAlreadyInstalled_IsRefusedOnThatCodesField_AndSavesNothing()
    {
        var wizard = NewWizard();
        var used = NewRetailCode();
        await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [used], 5));
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));
        var id = ManageCalsWizard.RequestIdOf(program);

        var page = await wizard.RefuseAsync(FillTheRest(await wizard.FillLicenseCodesAsync(program, NewRetailCode(), used)));

        StepRefusals.AssertRefusedOn(page, "Input_LicenseCodes_1_", AlreadyInstalled(2, used));
        Assert.Null(page.Document.GetElementById("Input_LicenseCodes_0_")!.GetAttribute("aria-invalid"));
        Assert.Null(page.Document.GetElementById("Input_LicenseCodesAreCopied"));
        Assert.Null((await factory.RequestAsync(id)).RetailLicenseCodes);
    }

    [Fact]
    public async Task Program_WithEmptyFieldsBeforeARefusedCode_ShowsTheCodesWithoutThemAndNamesTheFieldTheCodeIsIn()
    {
        var wizard = NewWizard();
        var used = NewRetailCode();
        var fresh = NewRetailCode();
        await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [used], 5));
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));
        var form = await wizard.FillLicenseCodesAsync(program, "", fresh, "", used);

        var page = await wizard.RefuseAsync(FillTheRest(form));

        // As the step shows the codes once saved, and as the review page would name the code.
        StepRefusals.AssertRefusedOn(page, "Input_LicenseCodes_1_", AlreadyInstalled(2, used));
        Assert.Equal(2, ManageCalsWizard.LicenseCodeFields(page));
        Assert.Equal((fresh, used), (Value(page, "Input_LicenseCodes_0_"), Value(page, "Input_LicenseCodes_1_")));
    }

    [Fact]
    public async Task Submit_WhenALicenseCodeWasInstalledByAnotherRequestAfterTheProgramStep_ShowsTheStepsRefusalAndIssuesNothing()
    {
        var wizard = NewWizard();
        var code = NewRetailCode();
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));
        var review = await wizard.AcceptAsync(FillTheRest(await wizard.FillLicenseCodesAsync(program, code)));
        var id = ManageCalsWizard.RequestIdOf(review);
        var other = await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [code], 5));

        using var response = await review.Form().SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await HtmlPage.ReadAsync(wizard.Client, response);
        Assert.Equal([AlreadyInstalled(1, code)], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal($"/install-cals/{id}/program", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Null((await factory.RequestAsync(id)).SubmittedAt);
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.RequestId == id)));
        Assert.Equal(other.Id, await factory.WithDbAsync(db => db.RetailLicenseCodes.Where(c => c.Code == code).Select(c => c.KeyPackId).SingleAsync()));

        // The step the summary links to says the same, in the same words.
        var step = await wizard.RefuseAsync((await wizard.OpenAsync($"/install-cals/{id}/program")).Form());
        StepRefusals.AssertRefusedOn(step, "Input_LicenseCodes_0_", AlreadyInstalled(1, code));
    }

    [Fact]
    public async Task Submit_WhenTheServerWasReactivatedAfterTheRequestStep_ShowsTheRequestStepsRefusalLinkingToIt()
    {
        var wizard = NewWizard();
        var old = await factory.ActivateServerAsync();
        var review = await wizard.UpToReviewAsync(old.Id);
        var id = ManageCalsWizard.RequestIdOf(review);
        await factory.ReactivateAsync(old.Id);

        using var response = await review.Form().SubmitAsync();

        var refused = await HtmlPage.ReadAsync(wizard.Client, response);
        Assert.Equal([Reactivated], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal($"/install-cals/{id}/request", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.RequestId == id)));
        var step = await wizard.RefuseAsync((await wizard.OpenAsync($"/install-cals/{id}/request")).Form());
        StepRefusals.AssertRefusedOn(step, "Input_LicenseServerId", Reactivated);
    }

    [Fact]
    public async Task Program_WhenTheServerWasReactivatedAfterTheRequestStep_SaysSoLinkingToTheRequestStep()
    {
        var wizard = NewWizard();
        var old = await factory.ActivateServerAsync();
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), old.Id));
        var id = ManageCalsWizard.RequestIdOf(program);
        await factory.ReactivateAsync(old.Id);

        var page = await wizard.RefuseAsync(FillAgreement(program, "Windows Server 2022", "25"));

        Assert.Equal([Reactivated], ManageCalsWizard.ErrorSummary(page));
        Assert.Equal($"/install-cals/{id}/request", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Null((await factory.RequestAsync(id)).Quantity);
    }

    internal static string AlreadyInstalled(int field, string code) =>
        $"License code {field} ({IdFormat.RetailLicenseCode.Format(code)}) has already been installed, and a License " +
        "Pack installs once. To move its CALs to another license server, use Manage CALs.";

    private static HtmlForm FillAgreement(HtmlPage page, string version, string quantity) =>
        page.Form()
            .Fill("Enrollment number", KeyPacks.NewAgreementNumber())
            .Fill("Product version", version)
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", quantity);

    private static HtmlForm FillTheRest(HtmlForm form) =>
        form.Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "5");

    private static string? Value(HtmlPage page, string id) => page.Document.GetElementById(id)!.GetAttribute("value");
}

public sealed class InstallCalsRulesTestsOnSqlite(ClearinghouseFactory factory) : InstallCalsRulesTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class InstallCalsRulesTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : InstallCalsRulesTests<PostgreSqlClearinghouseFactory>(factory);

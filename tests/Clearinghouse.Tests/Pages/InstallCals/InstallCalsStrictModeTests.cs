using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.Flows;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Pages.InstallCals;

/// <summary>
/// Strict mode through the pages, as a lab runs it: a purchase registered on /lab/purchases, then Install client
/// access licenses against it. Only what the purchase holds is issued, and only to a license server activated here;
/// everything else is refused on the step where it is entered, with the figures.
/// </summary>
public abstract class InstallCalsStrictModeTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly WebApplicationFactory<Program> _lab = factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Licensing:Mode", "Strict");
    });

    [Fact]
    public async Task Install_AgainstAPurchaseRegisteredOnTheLabPage_IssuesWhatItHolds_AndRefusesMoreOnTheProgramStepWithTheFigures()
    {
        var client = await NewClientAsync();
        var wizard = new InstallCalsWizard(client);
        var agreement = KeyPacks.NewAgreementNumber();
        await RegisterAgreementAsync(client, agreement, "100");
        var server = await factory.ActivateServerAsync();

        var first = await wizard.AcceptAsync((await wizard.UpToReviewAsync(server.Id, agreement)).Form());
        var program = await ProgramStepAsync(wizard, server.Id);
        var id = ManageCalsWizard.RequestIdOf(program);
        var refused = await wizard.RefuseAsync(FillAgreement(program, agreement, "80"));

        Assert.Equal("result", ManageCalsWizard.Step(first));
        StepRefusals.AssertRefusedOn(refused, "Input_Quantity",
            $"Enterprise Agreement {agreement} holds 100 Windows Server 2022 RDS Per User CALs and 25 of them are already " +
            "issued, so 80 cannot be installed: at most 75 can.");
        Assert.Null((await factory.RequestAsync(id)).Quantity);

        var review = await wizard.AcceptAsync(FillAgreement(refused, agreement, "75"));
        var last = await wizard.AcceptAsync(review.Form());
        Assert.Equal("result", ManageCalsWizard.Step(last));
        Assert.Equal(100, await factory.WithDbAsync(db => db.KeyPacks
            .Where(k => k.PurchaseReference == $"enterprise-agreement:{agreement}").SumAsync(k => k.Quantity)));
    }

    [Fact]
    public async Task Install_UnderAnAgreementThatIsNotRegistered_IsRefusedOnTheAgreementNumber_AndSavesNothing()
    {
        var client = await NewClientAsync();
        var wizard = new InstallCalsWizard(client);
        var agreement = KeyPacks.NewAgreementNumber();
        var program = await ProgramStepAsync(wizard, (await factory.ActivateServerAsync()).Id);
        var id = ManageCalsWizard.RequestIdOf(program);

        var page = await wizard.RefuseAsync(FillAgreement(program, agreement, "5"));

        StepRefusals.AssertRefusedOn(page, "Input_AgreementNumber",
            $"Enterprise Agreement {agreement} is not registered here as a purchase of Windows Server 2022 RDS Per User " +
            "CALs. In strict mode only purchases registered in lab administration count: check the number, the product " +
            "version and the CAL type.");
        Assert.Null((await factory.RequestAsync(id)).AgreementNumber);
    }

    [Fact]
    public async Task Program_RefusedBySeveralRules_ListsThemInTheOrderOfTheForm()
    {
        var wizard = new InstallCalsWizard(await NewClientAsync());
        var agreement = KeyPacks.NewAgreementNumber();
        var program = await ProgramStepAsync(wizard, (await factory.ActivateServerAsync("windows-server-2019")).Id);

        var page = await wizard.RefuseAsync(FillAgreement(program, agreement, "5"));

        Assert.Equal(["#Input_AgreementNumber", "#Input_ProductVersionCode"],
            page.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.StartsWith($"Enterprise Agreement {agreement} is not registered here", ManageCalsWizard.ErrorSummary(page)[0], StringComparison.Ordinal);
        Assert.StartsWith("Windows Server 2022 CALs cannot be installed on this license server", ManageCalsWizard.ErrorSummary(page)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_UnderALicenseCodeRegisteredForFewerCals_IsRefusedOnTheQuantity_AndAnUnregisteredCodeOnItsField()
    {
        var client = await NewClientAsync();
        var wizard = new InstallCalsWizard(client);
        var registered = NewRetailCode();
        var unregistered = NewRetailCode();
        await AcceptAsync(client, (await HtmlPage.GetAsync(client, "/lab/purchases")).Form()
            .Fill("License program", "License Pack (Retail Purchase)")
            .Fill("License code", registered)
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "5"));
        var program = await wizard.ContactAsync(await wizard.RequestAsync(
            await wizard.OpenAsync(), (await factory.ActivateServerAsync()).Id, "License Pack (Retail Purchase)"));

        var tooMany = await wizard.RefuseAsync(FillCodes(await wizard.FillLicenseCodesAsync(program, registered), "10"));
        var notRegistered = await wizard.RefuseAsync(FillCodes(await wizard.FillLicenseCodesAsync(tooMany, registered, unregistered), "5"));

        StepRefusals.AssertRefusedOn(tooMany, "Input_Quantity",
            $"License Pack (Retail Purchase) license code {IdFormat.RetailLicenseCode.Format(registered)} holds 5 Windows " +
            "Server 2022 RDS Per Device CALs and none of them are issued elsewhere, so 10 cannot be installed: at most 5 can.");
        StepRefusals.AssertRefusedOn(notRegistered, "Input_LicenseCodes_1_",
            $"License code 2 ({IdFormat.RetailLicenseCode.Format(unregistered)}) is not registered here as a purchase of " +
            "Windows Server 2022 RDS Per Device CALs. In strict mode only purchases registered in lab administration " +
            "count: check the code, the product version and the CAL type.");
        Assert.Equal("review", ManageCalsWizard.Step(await wizard.AcceptAsync(FillCodes(await wizard.FillLicenseCodesAsync(notRegistered, registered, ""), "5"))));
    }

    [Fact]
    public async Task Request_ForAServerNotActivatedHere_IsRefusedOnTheRequestStep()
    {
        var wizard = new InstallCalsWizard(await NewClientAsync());

        var page = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("License Program", "Enterprise Agreement"));

        StepRefusals.AssertRefusedOn(page, "Input_LicenseServerId",
            "No license server with this License Server ID was activated here. In strict mode only license servers " +
            "activated here count: activate the license server first, then use the License Server ID it was given.");
    }

    private Task<HttpClient> NewClientAsync() => _lab.SignedInAsync(ConsoleAccounts.Administrator);

    private static async Task<HtmlPage> ProgramStepAsync(InstallCalsWizard wizard, string serverId) =>
        await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), serverId));

    private static HtmlForm FillAgreement(HtmlPage page, string agreement, string quantity) =>
        page.Form()
            .Fill("Enrollment number", agreement)
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", quantity);

    private static HtmlForm FillCodes(HtmlForm form, string quantity) =>
        form.Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", quantity);

    private static async Task RegisterAgreementAsync(HttpClient client, string agreement, string quantity) =>
        await AcceptAsync(client, (await HtmlPage.GetAsync(client, "/lab/purchases")).Form()
            .Fill("License program", "Enterprise Agreement")
            .Fill("Agreement or enrollment number", agreement)
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", quantity));

    private static async Task AcceptAsync(HttpClient client, HtmlForm form)
    {
        using var response = await form.SubmitAsync();
        if (response.StatusCode != HttpStatusCode.Found)
        {
            var page = await HtmlPage.ReadAsync(client, response);
            Assert.Fail($"Expected the purchase to be registered (302), got {(int)response.StatusCode}: {string.Join(" | ", ManageCalsWizard.ErrorSummary(page))}");
        }
    }
}

public sealed class InstallCalsStrictModeTestsOnSqlite(ClearinghouseFactory factory) : InstallCalsStrictModeTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class InstallCalsStrictModeTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : InstallCalsStrictModeTests<PostgreSqlClearinghouseFactory>(factory);

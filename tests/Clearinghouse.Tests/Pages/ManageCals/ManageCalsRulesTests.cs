using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.Flows;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>
/// Manage CALs refuses what the clearinghouse would refuse on the step where it can be put right, and takes what a
/// migration may do that an installation may not (a license code used before).
/// </summary>
public abstract class ManageCalsRulesTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private ManageCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Request_WithAReactivatedServersOldId_IsRefusedThere_AndSavesNothing()
    {
        var wizard = NewWizard();
        var old = await factory.ActivateServerAsync();
        await factory.ReactivateAsync(old.Id);
        var before = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var page = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", old.Id.ToLowerInvariant())
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement"));

        StepRefusals.AssertRefusedOn(page, "Input_TargetLicenseServerId",
            "This license server has been reactivated since: it was given a new License Server ID, and this one is no " +
            "longer accepted. Enter the License Server ID the license server shows now (in RD Licensing Manager, " +
            "right-click the server, then Properties).");
        Assert.Equal(before, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task Program_WithCalsNewerThanTheServerRuns_IsRefusedOnTheProductVersion_AndSavesNothing()
    {
        var wizard = NewWizard();
        var server = await factory.ActivateServerAsync("windows-server-2016");
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), server.Id));
        var id = ManageCalsWizard.RequestIdOf(program);

        var page = await wizard.RefuseAsync(program.Form()
            .Fill("Enrollment number", KeyPacks.NewAgreementNumber())
            .Fill("Product version", "Windows Server 2025")
            .Fill("CAL type", "VDI Suite")
            .Fill("Quantity", "3"));

        StepRefusals.AssertRefusedOn(page, "Input_ProductVersionCode",
            "Windows Server 2025 CALs cannot be installed on this license server: it runs Windows Server 2016, and a " +
            "license server accepts CALs of its own version or older. Choose Windows Server 2016 or earlier, or request " +
            "the CALs for a license server that runs Windows Server 2025 or later.");
        Assert.Null((await factory.RequestAsync(id)).ProductVersionCode);
    }

    [Fact]
    public async Task Program_WithALicenseCodeInstalledOnAnotherServer_IsTakenAndTheMigrationMovesItsCals()
    {
        var wizard = NewWizard();
        var code = NewRetailCode();
        var installed = await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [code], 5, calType: "rds-per-device"));
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));

        var review = await wizard.AcceptAsync((await wizard.FillLicenseCodesAsync(program, code))
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "5"));
        var result = await wizard.AcceptAsync(review.Form());

        var moved = IdFormat.KeyPackId.Parse(ManageCalsWizard.KeyPackIdOn(result)).Value;
        Assert.Equal(moved, (await factory.KeyPackAsync(installed.Id)).MigratedToKeyPackId);
    }
}

public sealed class ManageCalsRulesTestsOnSqlite(ClearinghouseFactory factory) : ManageCalsRulesTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ManageCalsRulesTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ManageCalsRulesTests<PostgreSqlClearinghouseFactory>(factory);

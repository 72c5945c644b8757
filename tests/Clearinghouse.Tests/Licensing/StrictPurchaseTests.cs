using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// Strict mode (Licensing:Mode = Strict): only purchases registered in lab administration count, no more CALs are issued
/// from one than it holds — however many requests race for the last of them — and only servers activated here get CALs.
/// </summary>
public abstract class StrictPurchaseTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly WebApplicationFactory<Program> _strict = factory.Strict();

    [Fact]
    public async Task Issue_WithAnUnregisteredAgreement_IsRefusedOnTheAgreementNumber()
    {
        var server = await factory.ActivateServerAsync();
        var agreement = KeyPacks.NewAgreementNumber();

        var outcome = await _strict.SubmitAsync(Agreement(RequestKind.InstallCals, server.Id, agreement, 5));

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((nameof(CalRequest.AgreementNumber), ErrorCodes.PurchaseNotRegistered), (refusal.Field, refusal.Code));
        Assert.StartsWith($"Enterprise Agreement {agreement} is not registered here as a purchase of Windows Server 2022 RDS Per User CALs.",
            refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_WhenThePurchaseIsRegisteredForAnotherCalType_IsRefused()
    {
        var server = await factory.ActivateServerAsync();
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 50, calType: "rds-per-device");

        var outcome = await _strict.SubmitAsync(Agreement(RequestKind.InstallCals, server.Id, agreement, 5));

        Assert.Equal(ErrorCodes.PurchaseNotRegistered, Assert.Single(outcome.Refusals).Code);
    }

    [Fact]
    public async Task Issue_WithinWhatThePurchaseHolds_IsCountedAgainstItAndMovesItsVersionOn()
    {
        var server = await factory.ActivateServerAsync();
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 30);
        var before = await PurchaseAsync("enterprise-agreement", agreement);

        var keyPack = await _strict.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, agreement, 30));

        Assert.Equal(before.Id, (await factory.KeyPackAsync(keyPack.Id)).PurchaseId);
        Assert.Equal(before.Version + 1, (await PurchaseAsync("enterprise-agreement", agreement)).Version);
    }

    [Fact]
    public async Task Issue_BeyondWhatThePurchaseHolds_IsRefusedWithHeldIssuedAndAsked()
    {
        var server = await factory.ActivateServerAsync();
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 30);
        await _strict.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, agreement, 20));

        var outcome = await _strict.SubmitAsync(Agreement(RequestKind.InstallCals, server.Id, agreement, 15));

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((nameof(CalRequest.Quantity), ErrorCodes.PurchaseQuantityExceeded), (refusal.Field, refusal.Code));
        Assert.Equal(
            $"Enterprise Agreement {agreement} holds 30 Windows Server 2022 RDS Per User CALs and 20 of them are already " +
            "issued, so 15 cannot be installed: at most 10 can.",
            refusal.Message);
    }

    [Fact]
    public async Task Issue_WhenRequestsRaceForTheLastCals_ExactlyOneIsIssued()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 25);
        await _strict.IssueAsync(Agreement(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, agreement, 15));
        var requests = new List<CalRequest>();
        for (var i = 0; i < 4; i++)
        {
            requests.Add(await _strict.SaveAsync(Agreement(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, agreement, 10)));
        }

        var outcomes = await RaceAsync(requests);

        Assert.Single(outcomes, o => o.Status == IssueStatus.Issued);
        Assert.All(outcomes.Where(o => o.Status != IssueStatus.Issued), o =>
            Assert.Equal(ErrorCodes.PurchaseQuantityExceeded, Assert.Single(o.Refusals).Code));
        Assert.Equal(25, await factory.WithDbAsync(db => db.KeyPacks
            .Where(k => k.PurchaseReference == $"enterprise-agreement:{agreement}" && k.MigratedToKeyPackId == null)
            .SumAsync(k => k.Quantity)));
    }

    [Fact]
    public async Task Migration_OfWhatThePurchaseHolds_MovesItsCalsWithoutCountingThemTwice()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 20);
        var source = await _strict.IssueAsync(Agreement(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, agreement, 20));

        var moved = await _strict.IssueAsync(Agreement(RequestKind.ManageCals, (await factory.ActivateServerAsync()).Id, agreement, 20));

        Assert.Equal(moved.Id, (await factory.KeyPackAsync(source.Id)).MigratedToKeyPackId);
        var statement = await StatementAsync("enterprise-agreement", agreement);
        Assert.Equal((20, 20, 0), (statement.Held, statement.Issued, statement.Remaining));
        Assert.Equal([false, true], statement.KeyPacks.Select(k => k.IsActive));
    }

    [Fact]
    public async Task Migration_BeyondWhatThePurchaseHolds_IsRefusedWithTheFigures()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 20);
        var target = await factory.ActivateServerAsync();
        await _strict.IssueAsync(Agreement(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, agreement, 10));
        await _strict.IssueAsync(Agreement(RequestKind.InstallCals, target.Id, agreement, 10));

        // The 10 elsewhere move; the 10 already on the target stay issued.
        var outcome = await _strict.SubmitAsync(Agreement(RequestKind.ManageCals, target.Id, agreement, 15));

        Assert.Equal(
            $"Enterprise Agreement {agreement} holds 20 Windows Server 2022 RDS Per User CALs and 10 of them are already " +
            "issued, so 15 cannot be migrated: at most 10 can.",
            Assert.Single(outcome.Refusals).Message);
    }

    [Fact]
    public async Task Issue_WithARegisteredOpenLicense_IsIssued()
    {
        await factory.RegisterAsync("open-license", "87654321:BCDFG23456HJKMP", 10);

        var keyPack = await _strict.IssueAsync(OpenLicense(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, "87654321", "BCDFG23456HJKMP", 10));

        Assert.NotNull((await factory.KeyPackAsync(keyPack.Id)).PurchaseId);
    }

    [Fact]
    public async Task Issue_WithAnUnregisteredLicenseCode_IsRefusedNamingItsField()
    {
        var registered = NewRetailCode();
        var unregistered = NewRetailCode();
        await factory.RegisterAsync("license-pack", registered, 5);

        var outcome = await _strict.SubmitAsync(Retail(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, [registered, unregistered], 5));

        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((nameof(CalRequest.RetailLicenseCodes), ErrorCodes.PurchaseNotRegistered, 2), (refusal.Field, refusal.Code, refusal.Position));
        Assert.StartsWith($"License code 2 ({IdFormat.RetailLicenseCode.Format(unregistered)}) is not registered here",
            refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_BeyondWhatTheLicenseCodesHold_IsRefused()
    {
        string[] codes = [NewRetailCode(), NewRetailCode()];
        await factory.RegisterAsync("license-pack", codes[0], 5);
        await factory.RegisterAsync("license-pack", codes[1], 20);

        var outcome = await _strict.SubmitAsync(Retail(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, codes, 26));

        Assert.Equal(
            "The 2 license codes hold 25 Windows Server 2022 RDS Per User CALs and none of them are issued elsewhere, so " +
            "26 cannot be installed: at most 25 can.",
            Assert.Single(outcome.Refusals).Message);
    }

    [Fact]
    public async Task Issue_WithRegisteredLicenseCodes_CountsEachCodesShare()
    {
        string[] codes = [NewRetailCode(), NewRetailCode()];
        await factory.RegisterAsync("license-pack", codes[0], 5);
        await factory.RegisterAsync("license-pack", codes[1], 20);

        var keyPack = await _strict.IssueAsync(Retail(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, codes, 15));

        Assert.Null((await factory.KeyPackAsync(keyPack.Id)).PurchaseId); // two purchases: none is the one
        var first = await StatementAsync("license-pack", codes[0]);
        var second = await StatementAsync("license-pack", codes[1]);
        Assert.Equal((5, 5, 0), (first.Held, first.Issued, first.Remaining));
        Assert.Equal((20, 10, 10), (second.Held, second.Issued, second.Remaining));
    }

    [Fact]
    public async Task Issue_ForAServerNotActivatedHere_IsRefusedOnTheTargetServer()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 30);

        var outcome = await _strict.SubmitAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 5));

        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerNotActivated), (refusal.Field, refusal.Code));
    }

    [Fact]
    public async Task Check_ForADraftInStrictMode_RefusesWhatIssuingWould()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 5);
        var facts = RequestFacts.Of(Agreement(RequestKind.InstallCals, (await factory.ActivateServerAsync()).Id, agreement, 6));

        var refusals = await _strict.InScopeAsync(services => services.GetRequiredService<LicensingRules>().CheckAsync(facts));
        var unregistered = await _strict.InScopeAsync(services => services.GetRequiredService<LicensingRules>()
            .CheckAsync(facts with { AgreementNumber = KeyPacks.NewAgreementNumber() }));

        Assert.Equal(ErrorCodes.PurchaseQuantityExceeded, Assert.Single(refusals).Code);
        Assert.Equal(ErrorCodes.PurchaseNotRegistered, Assert.Single(unregistered).Code);
    }

    [Fact]
    public async Task Issue_InLenientMode_TakesAnyAgreementAndCountsNoQuantity()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 5);

        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 50));

        Assert.Null((await factory.KeyPackAsync(keyPack.Id)).PurchaseId);
        var statement = await StatementAsync("enterprise-agreement", agreement);
        Assert.Equal((5, 50, -45), (statement.Held, statement.Issued, statement.Remaining));
    }

    private Task<Purchase> PurchaseAsync(string program, string reference) =>
        factory.WithDbAsync(db => db.Purchases.AsNoTracking().SingleAsync(p => p.LicenseProgramCode == program && p.Reference == reference));

    private async Task<PurchaseStatement> StatementAsync(string program, string reference) =>
        (await factory.WithServicesAsync(services => services.GetRequiredService<PurchaseRegistry>().ListAsync()))
        .Single(p => p.LicenseProgramCode == program && p.Reference == reference);

    private async Task<IssueOutcome[]> RaceAsync(IEnumerable<CalRequest> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = requests.Select(async request =>
        {
            await start.Task;
            return await _strict.InScopeAsync(services =>
                services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(request.Id, request.Version));
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(submissions).WaitAsync(TimeSpan.FromSeconds(60));
    }
}

public sealed class StrictPurchaseTestsOnSqlite(ClearinghouseFactory factory) : StrictPurchaseTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class StrictPurchaseTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : StrictPurchaseTests<PostgreSqlClearinghouseFactory>(factory);

using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// Issuing key packs under the rules, in lenient mode (the default): what a key pack records of its purchase, single-use
/// retail license codes, migration moving CALs, and the server's version.
/// </summary>
public abstract class KeyPackIssuerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    protected TFactory Factory => factory;

    [Fact]
    public async Task Issue_InstallCals_IsAnInstallationThatCarriesItsAgreement()
    {
        var agreement = KeyPacks.NewAgreementNumber();

        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 20, program: "select-license"));

        var stored = await factory.KeyPackAsync(keyPack.Id);
        Assert.Equal(KeyPackPurpose.Install, stored.Purpose);
        Assert.Equal($"select-license:{agreement}", stored.PurchaseReference);
        Assert.Null(stored.PurchaseId);
        Assert.Null(stored.MigratedToKeyPackId);
    }

    [Fact]
    public async Task Issue_ManageCals_IsAMigrationThatCarriesItsOpenLicense()
    {
        var keyPack = await factory.IssueAsync(OpenLicense(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), "12345678", "BCDFG23456HJKMP", 5));

        var stored = await factory.KeyPackAsync(keyPack.Id);
        Assert.Equal(KeyPackPurpose.Migration, stored.Purpose);
        Assert.Equal("open-license:12345678:BCDFG23456HJKMP", stored.PurchaseReference);
    }

    [Fact]
    public async Task Issue_ManageCals_MarksTheAgreementsKeyPacksOnOtherServersMigratedToTheNewOne()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var source = KeyPacks.NewLicenseServerId();
        var first = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 10));
        var second = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 15));
        var otherType = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 7, calType: "rds-per-device"));

        var moved = await factory.IssueAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 25));

        foreach (var keyPack in new[] { first, second })
        {
            var stored = await factory.KeyPackAsync(keyPack.Id);
            Assert.Equal(moved.Id, stored.MigratedToKeyPackId);
            Assert.Equal(moved.IssuedAt, stored.MigratedAt);
            Assert.Equal(source, stored.LicenseServerId);
        }

        Assert.Null((await factory.KeyPackAsync(otherType.Id)).MigratedToKeyPackId);
        Assert.Equal(25 + 7, await ActiveCalsAsync($"enterprise-agreement:{agreement}"));
    }

    [Fact]
    public async Task Issue_ManageCals_MovesTheOldestKeyPacksUntilTheyCoverTheQuantity()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var oldest = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var next = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var newest = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));

        var moved = await factory.IssueAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 15));

        Assert.Equal(moved.Id, (await factory.KeyPackAsync(oldest.Id)).MigratedToKeyPackId);
        Assert.Equal(moved.Id, (await factory.KeyPackAsync(next.Id)).MigratedToKeyPackId);
        Assert.Null((await factory.KeyPackAsync(newest.Id)).MigratedToKeyPackId);
        Assert.Equal(15 + 10, await ActiveCalsAsync($"enterprise-agreement:{agreement}"));
    }

    [Fact]
    public async Task Issue_ManageCals_LeavesTheAgreementsKeyPacksOnTheTargetServerAlone()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var target = KeyPacks.NewLicenseServerId();
        var already = await factory.IssueAsync(Agreement(RequestKind.InstallCals, target, agreement, 10));

        await factory.IssueAsync(Agreement(RequestKind.ManageCals, target, agreement, 10));

        Assert.Null((await factory.KeyPackAsync(already.Id)).MigratedToKeyPackId);
    }

    [Fact]
    public async Task Issue_InstallCals_RecordsEachRetailLicenseCodeAsUsedByItsKeyPack()
    {
        string[] codes = [NewRetailCode(), NewRetailCode()];

        var keyPack = await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), codes, 10));

        var rows = await factory.WithDbAsync(db => db.RetailLicenseCodes.Where(c => codes.Contains(c.Code)).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal((keyPack.Id, keyPack.IssuedAt), (row.KeyPackId, row.FirstUsedAt)));
        Assert.Null((await factory.KeyPackAsync(keyPack.Id)).PurchaseReference);
    }

    [Fact]
    public async Task Issue_InstallCals_WithALicenseCodeAlreadyInstalled_IsRefusedNamingItsField()
    {
        var used = NewRetailCode();
        await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [used], 5));
        var request = Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [NewRetailCode(), used], 10);

        var outcome = await factory.SubmitAsync(request);

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((nameof(CalRequest.RetailLicenseCodes), ErrorCodes.LicenseCodeAlreadyInstalled, 2), (refusal.Field, refusal.Code, refusal.Position));
        Assert.StartsWith($"License code 2 ({IdFormat.RetailLicenseCode.Format(used)}) has already been installed",
            refusal.Message, StringComparison.Ordinal);
        Assert.Null((await factory.RequestAsync(request.Id)).SubmittedAt);
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.RequestId == request.Id)));
    }

    [Fact]
    public async Task Issue_InstallCals_WhenTwoRequestsRaceWithOneLicenseCode_ExactlyOneIsIssued()
    {
        var code = NewRetailCode();
        var requests = new[]
        {
            await factory.SaveAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [code], 5)),
            await factory.SaveAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [code], 5)),
        };

        var outcomes = await RaceAsync(requests);

        var issued = Assert.Single(outcomes, o => o.Status == IssueStatus.Issued);
        var refused = Assert.Single(outcomes, o => o.Status == IssueStatus.Refused);
        Assert.Equal(ErrorCodes.LicenseCodeAlreadyInstalled, Assert.Single(refused.Refusals).Code);
        var row = await factory.WithDbAsync(db => db.RetailLicenseCodes.SingleAsync(c => c.Code == code));
        Assert.Equal(issued.KeyPack!.Id, row.KeyPackId);
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => requests.Select(r => r.Id).Contains(k.RequestId!.Value))));
    }

    [Fact]
    public async Task Issue_ManageCals_WithAUsedLicenseCode_RebindsItAndMarksTheOldKeyPackMigrated()
    {
        var code = NewRetailCode();
        var installed = await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [code], 5));

        var migrated = await factory.IssueAsync(Retail(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), [code], 5));

        var row = await factory.WithDbAsync(db => db.RetailLicenseCodes.SingleAsync(c => c.Code == code));
        Assert.Equal(migrated.Id, row.KeyPackId);
        Assert.Equal(installed.IssuedAt, row.FirstUsedAt);
        var old = await factory.KeyPackAsync(installed.Id);
        Assert.Equal((migrated.Id, migrated.IssuedAt), (old.MigratedToKeyPackId, old.MigratedAt));
        Assert.Null((await factory.KeyPackAsync(migrated.Id)).MigratedToKeyPackId);
    }

    [Fact]
    public async Task Issue_ManageCals_WithANewLicenseCode_RecordsItsFirstUse()
    {
        var code = NewRetailCode();

        var migrated = await factory.IssueAsync(Retail(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), [code], 5));

        Assert.Equal(migrated.Id, (await factory.WithDbAsync(db => db.RetailLicenseCodes.SingleAsync(c => c.Code == code))).KeyPackId);
    }

    [Fact]
    public async Task Issue_WhenTwoMigrationsRaceForTheSameCals_EachKeyPackIsMovedOnceAndOneStaysActive()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var source = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var requests = new[]
        {
            await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 10)),
            await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 10)),
        };

        var outcomes = await RaceAsync(requests);

        Assert.All(outcomes, o => Assert.Equal(IssueStatus.Issued, o.Status));
        var movedTo = (await factory.KeyPackAsync(source.Id)).MigratedToKeyPackId;
        var first = outcomes.Select(o => o.KeyPack!).Single(k => k.Id == movedTo);
        var second = outcomes.Select(o => o.KeyPack!).Single(k => k.Id != first.Id);

        // The second moved what the first had just moved: one chain, and only its end counts.
        Assert.Equal(second.Id, (await factory.KeyPackAsync(first.Id)).MigratedToKeyPackId);
        Assert.Null((await factory.KeyPackAsync(second.Id)).MigratedToKeyPackId);
        Assert.Equal(10, await ActiveCalsAsync($"enterprise-agreement:{agreement}"));
    }

    [Fact]
    public async Task Issue_WhenTheCalsAreNewerThanTheTargetServer_IsRefusedNamingBothVersions()
    {
        var server = await factory.ActivateServerAsync("windows-server-2016");
        var request = Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5, "windows-server-2019");

        var outcome = await factory.SubmitAsync(request);

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        var refusal = Assert.Single(outcome.Refusals);
        Assert.Equal((nameof(CalRequest.ProductVersionCode), ErrorCodes.CalVersionNewerThanServer), (refusal.Field, refusal.Code));
        Assert.Equal(
            "Windows Server 2019 CALs cannot be installed on this license server: it runs Windows Server 2016, and a " +
            "license server accepts CALs of its own version or older. Choose Windows Server 2016 or earlier, or request " +
            "the CALs for a license server that runs Windows Server 2019 or later.",
            refusal.Message);
    }

    [Theory]
    [InlineData("windows-server-2012-r2", "windows-server-2016", "rds-per-user",
        "Windows Server 2016 CALs cannot be installed on this license server: it runs Windows Server 2012 R2, and a " +
        "license server accepts CALs of its own version or older. Choose Windows Server 2012 (and 2012 R2) or earlier, " +
        "or request the CALs for a license server that runs Windows Server 2016 or later.")]
    [InlineData("windows-server-2008", "windows-server-2012", "rds-per-device",
        "Windows Server 2012 (and 2012 R2) CALs cannot be installed on this license server: it runs Windows Server 2008, " +
        "and a license server accepts CALs of its own version or older. Choose Windows Server 2008 R2 and earlier, or " +
        "request the CALs for a license server that runs Windows Server 2012 (and 2012 R2) or later.")]
    public async Task Issue_WhenTheCalsAreNewerThanTheTargetServer_NamesWhatTheServerRunsAndWhatItTakes(
        string operatingSystem, string version, string calType, string message)
    {
        var server = await factory.ActivateServerAsync(operatingSystem);

        var outcome = await factory.SubmitAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5, version, calType));

        Assert.Equal(message, Assert.Single(outcome.Refusals).Message);
    }

    [Theory]
    [InlineData("windows-server-2016")]
    [InlineData("windows-server-2008-r2")]
    public async Task Issue_WhenTheCalsAreOfTheServersVersionOrOlder_IsIssued(string version)
    {
        var server = await factory.ActivateServerAsync("windows-server-2016");
        var calType = version == "windows-server-2008-r2" ? "ts-rds-per-user" : PerUser;

        await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5, version, calType));
    }

    [Fact]
    public async Task Issue_ForAServerOnlyHeardOf_TakesAnyVersion()
    {
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 5, "windows-server-2025"));
    }

    [Fact]
    public async Task Issue_AnActivationRequest_IsNotIssuable()
    {
        var request = await factory.SaveAsync(Activation());

        var outcome = await factory.WithServicesAsync(services =>
            services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(request.Id, request.Version));

        Assert.Equal(IssueStatus.NotIssuable, outcome.Status);
    }

    [Fact]
    public async Task Issue_InstallCals_NeedsNoReasonForRecovery()
    {
        var request = Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 5);
        Assert.Null(request.ReasonCode);

        await factory.IssueAsync(request);
    }

    [Fact]
    public async Task Check_ForADraft_RefusesAsIssuingWould()
    {
        var used = NewRetailCode();
        await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [used], 5));
        var old = await factory.ActivateServerAsync("windows-server-2019");
        await factory.ReactivateAsync(old.Id);
        var draft = new RequestFacts
        {
            Kind = RequestKind.InstallCals,
            TargetLicenseServerId = old.Id,
            LicenseProgramCode = "license-pack",
            RetailLicenseCodes = [used],
            ProductVersionCode = "windows-server-2022",
        };

        var refusals = await CheckAsync(draft);

        Assert.Equal(
            [
                (nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerReactivated),
                (nameof(CalRequest.ProductVersionCode), ErrorCodes.CalVersionNewerThanServer),
                (nameof(CalRequest.RetailLicenseCodes), ErrorCodes.LicenseCodeAlreadyInstalled),
            ],
            refusals.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public async Task Check_ForAMigrationWithAUsedCode_RefusesNothing()
    {
        var used = NewRetailCode();
        await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [used], 5));

        var refusals = await CheckAsync(RequestFacts.Of(Retail(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), [used], 5)));

        Assert.Empty(refusals);
    }

    [Fact]
    public async Task Check_ForAnEmptyDraft_RefusesNothing()
    {
        Assert.Empty(await CheckAsync(new RequestFacts { Kind = RequestKind.InstallCals }));
    }

    /// <summary>
    /// A double click on Submit: both submissions of one request at once get the one key pack it issues. (Where one reads
    /// between the other's reads and commit, see KeyPackIssuerTestsOnPostgreSql; on SQLite an issuance of a drafted
    /// request reads in its write transaction, so nothing commits between its reads: SqliteIssuanceTurnTests.)
    /// </summary>
    [Fact]
    public async Task Issue_WhenTheSameRequestIsSubmittedTwiceAtOnce_BothGetItsOneKeyPack()
    {
        var request = await factory.SaveAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [NewRetailCode()], 5));

        var outcomes = await RaceAsync([request, request]);

        Assert.All(outcomes, outcome => Assert.True(outcome.Status == IssueStatus.Issued,
            $"{outcome.Status}: {string.Join(" ", outcome.Refusals.Select(r => r.Message))}"));
        Assert.Equal(outcomes[0].KeyPack!.Id, outcomes[1].KeyPack!.Id);
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.RequestId == request.Id)));
    }

    /// <summary>
    /// The review page hands the issuer the request it read, and the first attempt decides on that read. A step saved
    /// from another tab after the read must still win: the save of the stale read fails on the request's version, and
    /// the next attempt issues what the database holds.
    /// </summary>
    [Fact]
    public async Task Issue_FromARequestReadBeforeAnotherSaveOfIt_IssuesWhatTheDatabaseHolds()
    {
        var (_, outcome) = await IssueFromAReadBeforeAnotherSaveAsync(asReviewed: false);

        Assert.Equal(IssueStatus.Issued, outcome.Status);
        Assert.Equal(30, (await factory.KeyPackAsync(outcome.KeyPack!.Id)).Quantity);
    }

    [Fact]
    public async Task Issue_FromARequestReadBeforeAnotherSaveOfIt_IsNotIssuedAsReviewed()
    {
        var (request, outcome) = await IssueFromAReadBeforeAnotherSaveAsync(asReviewed: true);

        Assert.Equal(IssueStatus.NotIssuable, outcome.Status);
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.RequestId == request.Id)));
    }

    [Fact]
    public async Task Issue_FromARequestNotReadInTheIssuersScope_IsAnError()
    {
        var request = await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 25));

        await Assert.ThrowsAsync<ArgumentException>(() => factory.WithServicesAsync(services =>
            services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(request, reviewedVersion: null)));
    }

    /// <summary>
    /// The API decides a first attempt on the server its credential check read. If the server was deactivated after
    /// that read, the read's version makes the save fail, and the next attempt, on a fresh read, refuses: nothing is
    /// issued to a deactivated server.
    /// </summary>
    [Fact]
    public async Task IssueNew_OnAServerReadBeforeItWasDeactivated_IsRefusedAndSavesNothing()
    {
        var serverId = KeyPacks.NewLicenseServerId();
        await factory.WithDbAsync(db =>
        {
            db.LicenseServers.Add(new LicenseServer { Id = serverId, IssuedHere = true, FirstSeenAt = DateTimeOffset.UtcNow, ActivatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var readEarlier = await factory.WithDbAsync(db => db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == serverId));
        await factory.WithDbAsync(async db =>
        {
            var server = await db.LicenseServers.SingleAsync(s => s.Id == serverId);
            server.DeactivatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        });
        var request = Agreement(RequestKind.InstallCals, serverId, KeyPacks.NewAgreementNumber(), 5);

        var outcome = await factory.WithServicesAsync(services =>
            services.GetRequiredService<KeyPackIssuer>().TryIssueNewAsync(request, installAtOnce: true, targetReadEarlier: readEarlier));

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        Assert.Equal(ErrorCodes.LicenseServerDeactivated, Assert.Single(outcome.Refusals).Code);
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.LicenseServerId == serverId)));
        Assert.False(await factory.WithDbAsync(db => db.CalRequests.AnyAsync(r => r.Id == request.Id)));
    }

    /// <summary>
    /// Reads a request of 25 CALs the way the review page does, saves it as 30 from elsewhere, then issues the read
    /// (as reviewed at the version read, or with no reviewed version).
    /// </summary>
    private async Task<(CalRequest Request, IssueOutcome Outcome)> IssueFromAReadBeforeAnotherSaveAsync(bool asReviewed)
    {
        var request = await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 25));
        var outcome = await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<ClearinghouseDbContext>();
            var loaded = await db.CalRequests.SingleAsync(r => r.Id == request.Id);
            await factory.WithDbAsync(async other =>
            {
                var changed = await other.CalRequests.SingleAsync(r => r.Id == request.Id);
                changed.Quantity = 30;
                await other.SaveChangesAsync();
            });
            return await services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(loaded, asReviewed ? loaded.Version : null);
        });
        return (request, outcome);
    }

    private Task<IReadOnlyList<RuleRefusal>> CheckAsync(RequestFacts facts) =>
        factory.WithServicesAsync(services => services.GetRequiredService<LicensingRules>().CheckAsync(facts));

    private async Task<IssueOutcome[]> RaceAsync(IEnumerable<CalRequest> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submissions = requests.Select(async request =>
        {
            await start.Task;
            return await factory.WithServicesAsync(services =>
                services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(request.Id, request.Version));
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(submissions).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private Task<int> ActiveCalsAsync(string purchaseReference) =>
        factory.WithDbAsync(db => db.KeyPacks
            .Where(k => k.PurchaseReference == purchaseReference && k.MigratedToKeyPackId == null)
            .SumAsync(k => k.Quantity));
}

public sealed class KeyPackIssuerTestsOnSqlite(ClearinghouseFactory factory) : KeyPackIssuerTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class KeyPackIssuerTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : KeyPackIssuerTests<PostgreSqlClearinghouseFactory>(factory)
{
    /// <summary>
    /// A double click on Submit of Install CALs with a license code: the second submission reads the request before the
    /// first commits and the codes after, so it finds the code installed — by its own request, whose key pack it must
    /// show, not a refusal. Not on SQLite: there the second holds the write lock from its first read (the first could
    /// not commit in between; see SqliteIssuanceTurnTests).
    /// </summary>
    [Fact]
    public async Task Issue_WhenAnotherSubmissionOfTheSameRequestCommitsBetweenItsReads_ReturnsThatKeyPack()
    {
        var request = await Factory.SaveAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [NewRetailCode()], 5));
        IssueOutcome? first = null;
        var between = new BeforeFirstRead("RetailLicenseCodes", async () =>
            first = await Factory.WithServicesAsync(services => services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(request.Id, request.Version)));
        await using var db = Factory.Database.CreateContext(between);
        var second = Factory.IssuerOn(db);

        var outcome = await second.TryIssueAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.Issued, first?.Status);
        Assert.True(outcome.Status == IssueStatus.Issued, $"{outcome.Status}: {string.Join(" ", outcome.Refusals.Select(r => r.Message))}");
        Assert.Equal(first!.KeyPack!.Id, outcome.KeyPack!.Id);
    }
}

using System.Data.Common;
using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// Reactivating a license server: a new License Server ID that inherits the server, its key packs moved to it, and the
/// old ID no longer accepted.
/// </summary>
public abstract class ServerReactivationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Reactivate_GivesANewIdThatInheritsTheServerAndMovesItsKeyPacksAndInstallations()
    {
        var old = await factory.ActivateServerAsync("windows-server-2019");
        var installed = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 10, "windows-server-2019"));
        var notInstalled = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 5, "windows-server-2016"));
        await InstallAsync(old.Id, installed.Id);

        var outcome = await factory.ReactivateAsync(old.Id);

        Assert.Equal(IssueStatus.Issued, outcome.Status);
        var server = await factory.ServerAsync(outcome.Server!.Id);
        Assert.NotEqual(old.Id, server.Id);
        Assert.Equal(IdOrigin.IssuedHere, IdFormat.LicenseServerId.Parse(server.Id).Origin);
        Assert.Equal((old.ProductId, old.OperatingSystemCode, old.ProductVersionCode), (server.ProductId, server.OperatingSystemCode, server.ProductVersionCode));
        Assert.NotNull(server.ActivatedAt);
        var replaced = await factory.ServerAsync(old.Id);
        Assert.Equal(server.Id, replaced.ReplacedById);
        Assert.Equal(server.ActivatedAt, replaced.ReplacedAt);

        var movedInstalled = await factory.KeyPackAsync(installed.Id);
        Assert.Equal(server.Id, movedInstalled.LicenseServerId);
        Assert.Equal(server.Id, movedInstalled.Installation!.LicenseServerId);
        var movedNotInstalled = await factory.KeyPackAsync(notInstalled.Id);
        Assert.Equal(server.Id, movedNotInstalled.LicenseServerId);
        Assert.Null(movedNotInstalled.Installation);
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == old.Id)));
    }

    [Fact]
    public async Task Reactivate_SubmittedAgain_ReturnsTheSameNewServer()
    {
        var old = await factory.ActivateServerAsync();
        var request = await factory.SaveAsync(Reactivation(old.Id));
        var first = await ReactivateAsync(request.Id, request.Version);

        var again = await ReactivateAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.Issued, again.Status);
        Assert.Equal(first.Server!.Id, again.Server!.Id);
        Assert.Equal(first.Server.Id, (await factory.RequestAsync(request.Id)).IssuedLicenseServerId);
    }

    [Fact]
    public async Task Reactivate_AServerAlreadyReactivated_IsRefusedWithoutGivingItsNewId()
    {
        var old = await factory.ActivateServerAsync();
        var first = await factory.ReactivateAsync(old.Id);

        var second = await factory.ReactivateAsync(old.Id);

        Assert.Equal(IssueStatus.Refused, second.Status);
        var refusal = Assert.Single(second.Refusals);
        Assert.Equal((nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerReactivated), (refusal.Field, refusal.Code));
        Assert.Contains("has been reactivated since: it was given a new License Server ID", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Server!.Id, refusal.Message.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reactivate_WhenTwoRequestsForOneServerRace_ExactlyOneWinsAndTheOtherIsRefused()
    {
        var old = await factory.ActivateServerAsync();
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 10));
        var requests = new[] { await factory.SaveAsync(Reactivation(old.Id)), await factory.SaveAsync(Reactivation(old.Id, "upgraded")) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var submissions = requests.Select(async request =>
        {
            await start.Task;
            return await ReactivateAsync(request.Id, request.Version);
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(submissions).WaitAsync(TimeSpan.FromSeconds(60));

        var winner = Assert.Single(outcomes, o => o.Status == IssueStatus.Issued);
        var loser = Assert.Single(outcomes, o => o.Status == IssueStatus.Refused);
        Assert.Equal(ErrorCodes.LicenseServerReactivated, Assert.Single(loser.Refusals).Code);
        Assert.Equal(winner.Server!.Id, (await factory.ServerAsync(old.Id)).ReplacedById);
        Assert.Equal(1, await factory.WithDbAsync(db => db.LicenseServers.CountAsync(s => s.ProductId == old.ProductId && s.Id != old.Id)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == winner.Server.Id)));
        var stored = new[] { await factory.RequestAsync(requests[0].Id), await factory.RequestAsync(requests[1].Id) };
        Assert.Equal(winner.Server.Id, Assert.Single(stored, r => r.SubmittedAt is not null).IssuedLicenseServerId);
        Assert.Null(Assert.Single(stored, r => r.SubmittedAt is null).IssuedLicenseServerId);
    }

    /// <summary>
    /// A double click on Submit: the second submission reads the request before the first commits and the server after,
    /// so it finds the server reactivated — by its own request, whose result it must show, not a refusal.
    /// </summary>
    [Fact]
    public async Task Reactivate_WhenAnotherSubmissionOfTheSameRequestCommitsBetweenItsReads_ReturnsThatServer()
    {
        var old = await factory.ActivateServerAsync();
        var request = await factory.SaveAsync(Reactivation(old.Id));
        LicenseServerOutcome? first = null;
        var between = new BeforeFirstRead("LicenseServers", async () => first = await ReactivateAsync(request.Id, request.Version));
        await using var db = factory.Database.CreateContext(between);
        using var random = RandomNumberGenerator.Create();
        var second = new ServerReactivation(db, new Clearinghouse.Web.Lab.IssuedIds(db, random, factory.Services.GetRequiredService<Clearinghouse.Web.Lab.LabState>()),
            TimeProvider.System, new LicensingRules(db, LicensingModeSource.Fixed(LicensingMode.Lenient)),
            new Clearinghouse.Web.Auditing.AuditLog(db, TimeProvider.System, new Microsoft.AspNetCore.Http.HttpContextAccessor()));

        var outcome = await second.TryReactivateAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.Issued, first?.Status);
        Assert.True(outcome.Status == IssueStatus.Issued, $"{outcome.Status}: {string.Join(" ", outcome.Refusals.Select(r => r.Message))}");
        Assert.Equal(first!.Server!.Id, outcome.Server!.Id);
    }

    [Fact]
    public async Task Reactivate_InLenientMode_AServerFromElsewhereIsRecordedAsReplaced()
    {
        var foreign = AlphabetOnlyIds.New(IdFormat.LicenseServerId);

        var outcome = await factory.ReactivateAsync(foreign);

        Assert.Equal(IssueStatus.Issued, outcome.Status);
        var recorded = await factory.ServerAsync(foreign);
        Assert.False(recorded.IssuedHere);
        Assert.Equal(outcome.Server!.Id, recorded.ReplacedById);
        Assert.Null(outcome.Server.ProductVersionCode);
    }

    [Fact]
    public async Task Reactivate_InStrictMode_AServerNotActivatedHereIsRefused()
    {
        var strict = factory.Strict();
        var lenientServer = (await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 1)))
            .LicenseServerId;

        var outcome = await strict.ReactivateAsync(lenientServer);

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        Assert.Equal(ErrorCodes.LicenseServerNotActivated, Assert.Single(outcome.Refusals).Code);
        Assert.Null((await factory.ServerAsync(lenientServer)).ReplacedById);
    }

    [Fact]
    public async Task Reactivate_InStrictMode_AServerActivatedHereIsReactivated()
    {
        var old = await factory.ActivateServerAsync();

        var outcome = await factory.Strict().ReactivateAsync(old.Id);

        Assert.Equal(IssueStatus.Issued, outcome.Status);
    }

    [Fact]
    public async Task CheckTargetServer_ForAReactivatedServersOldId_SaysItHasANewIdWithoutGivingIt()
    {
        var old = await factory.ActivateServerAsync();
        var reactivated = await factory.ReactivateAsync(old.Id);

        var refusal = await factory.WithServicesAsync(services =>
            services.GetRequiredService<LicensingRules>().CheckTargetServerAsync(old.Id));
        var forNew = await factory.WithServicesAsync(services =>
            services.GetRequiredService<LicensingRules>().CheckTargetServerAsync(reactivated.Server!.Id));

        Assert.NotNull(refusal);
        Assert.Equal((nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerReactivated), (refusal.Field, refusal.Code));
        Assert.DoesNotContain(IdFormat.LicenseServerId.Format(reactivated.Server!.Id), refusal.Message, StringComparison.Ordinal);
        Assert.Null(forNew);
    }

    [Fact]
    public async Task Issue_ForAReactivatedServersOldId_IsRefusedAndIssuesNothing()
    {
        var old = await factory.ActivateServerAsync();
        await factory.ReactivateAsync(old.Id);
        var request = Agreement(RequestKind.ManageCals, old.Id, KeyPacks.NewAgreementNumber(), 5);

        var outcome = await factory.SubmitAsync(request);

        Assert.Equal(IssueStatus.Refused, outcome.Status);
        Assert.Equal(ErrorCodes.LicenseServerReactivated, Assert.Single(outcome.Refusals).Code);
        Assert.Null((await factory.RequestAsync(request.Id)).SubmittedAt);
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.RequestId == request.Id)));
    }

    [Fact]
    public async Task Reactivate_AnActivationRequest_IssuesNothing()
    {
        var request = await factory.SaveAsync(Activation());

        Assert.Equal(IssueStatus.NotIssuable, (await ReactivateAsync(request.Id, request.Version)).Status);
    }

    [Fact]
    public async Task Reactivate_WithAReasonForRecovery_IssuesNothing()
    {
        var old = await factory.ActivateServerAsync();
        var request = await factory.SaveAsync(Reactivation(old.Id, "replaced"));

        Assert.Equal(IssueStatus.NotIssuable, (await ReactivateAsync(request.Id, request.Version)).Status);
    }

    private Task<LicenseServerOutcome> ReactivateAsync(Guid requestId, int version) =>
        factory.WithServicesAsync(services => services.GetRequiredService<ServerReactivation>().TryReactivateAsync(requestId, version));

    private Task InstallAsync(string serverId, string keyPackId) =>
        factory.WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<KeyPackInstaller>().InstallAsync(serverId, keyPackId);
            Assert.Equal(InstallOutcome.Installed, result.Outcome);
            return result;
        });
}

public sealed class ServerReactivationTestsOnSqlite(ClearinghouseFactory factory) : ServerReactivationTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ServerReactivationTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : ServerReactivationTests<PostgreSqlClearinghouseFactory>(factory);

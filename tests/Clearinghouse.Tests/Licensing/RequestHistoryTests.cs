using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>A request's page: everything that happened to it and to what it issued, derived from the records, in order.</summary>
public abstract class RequestHistoryTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task History_OfAMigration_ThatWasInstalled_ThenItsServerReactivatedAndDeactivated_TellsItAllInOrder()
    {
        var story = await StoryAsync();

        var record = (await HistoryAsync(story.Moved.RequestId!.Value))!;

        Assert.Equal(story.Moved.Id, record.KeyPack!.Id);
        Assert.Equal(RequestKind.ManageCals, record.Request.Kind);
        Assert.Equal(RequestStatus.Deactivated, record.Status);
        Assert.Equal([story.Earlier.Id], record.MigratedFrom.Select(k => k.Id));
        Assert.Null(record.MigratedTo);
        Assert.Equal([story.Server, story.NewServer], record.Servers.Select(s => s.Id));
        Assert.Equal(
            [
                (RequestEventKind.Created, null, null, null),
                (RequestEventKind.KeyPackIssued, story.Server, story.Moved.Id, null),
                (RequestEventKind.CalsMigratedHere, story.EarlierServer, story.Earlier.Id, null),
                (RequestEventKind.KeyPackInstalled, (string?)story.Server, (string?)story.Moved.Id, (string?)null),
                (RequestEventKind.ServerReactivated, story.Server, null, story.NewServer),
                (RequestEventKind.ServerDeactivated, story.NewServer, null, null),
            ],
            record.Events.Select(e => (e.Kind, e.LicenseServerId, e.KeyPackId, e.NewLicenseServerId)));
        Assert.Equal(record.Events.OrderBy(e => e.At).Select(e => e.At), record.Events.Select(e => e.At));
        Assert.Equal(record.KeyPack.IssuedAt, record.Events[1].At);
    }

    [Fact]
    public async Task History_OfAKeyPackWhoseCalsWereMigrated_EndsWithTheMigration()
    {
        var story = await StoryAsync();

        var record = (await HistoryAsync(story.Earlier.RequestId!.Value))!;

        Assert.Equal(RequestStatus.MigratedAway, record.Status);
        Assert.Equal(story.Moved.Id, record.MigratedTo?.Id);
        Assert.Equal(
            [RequestEventKind.Created, RequestEventKind.KeyPackIssued, RequestEventKind.KeyPackMigratedAway],
            record.Events.Select(e => e.Kind));
        Assert.Equal(story.Moved.Id, record.Events[^1].KeyPackId);
        // The key pack the CALs went to is bound to the server's ID now.
        Assert.Equal(story.NewServer, record.Events[^1].LicenseServerId);
    }

    [Fact]
    public async Task History_OfAnActivation_FollowsTheServersReactivationAndDeactivation()
    {
        var story = await StoryAsync();
        var activation = await factory.InDbAsync(db => Task.FromResult(db.CalRequests.Single(r => r.IssuedLicenseServerId == story.Server)));

        var record = (await HistoryAsync(activation.Id))!;

        Assert.Equal(RequestStatus.Reactivated, record.Status);
        Assert.Null(record.KeyPack);
        Assert.Equal(
            [RequestEventKind.Created, RequestEventKind.ServerActivated, RequestEventKind.ServerReactivated, RequestEventKind.ServerDeactivated],
            record.Events.Select(e => e.Kind));
        Assert.Equal(story.Server, record.Events[1].LicenseServerId);
    }

    [Fact]
    public async Task History_OfAReactivation_StartsFromTheOldId()
    {
        var story = await StoryAsync();
        var reactivation = await factory.InDbAsync(db => Task.FromResult(db.CalRequests.Single(r => r.IssuedLicenseServerId == story.NewServer)));

        var record = (await HistoryAsync(reactivation.Id))!;

        Assert.Equal(RequestStatus.Deactivated, record.Status);
        Assert.Equal([story.Server, story.NewServer], record.Servers.Select(s => s.Id));
        Assert.Equal(
            [RequestEventKind.Created, RequestEventKind.ServerReactivated, RequestEventKind.ServerDeactivated],
            record.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task History_OfADraft_IsItsStart()
    {
        var draft = await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 5));

        var record = (await HistoryAsync(draft.Id))!;

        Assert.Equal(RequestStatus.Draft, record.Status);
        Assert.Null(record.KeyPack);
        Assert.Equal(draft.AgreementNumber, record.Request.AgreementNumber);
        Assert.Equal(RequestEventKind.Created, Assert.Single(record.Events).Kind);
    }

    [Fact]
    public async Task History_OfNoSuchRequest_IsNull() =>
        Assert.Null(await HistoryAsync(Guid.NewGuid()));

    /// <summary>
    /// CALs installed on one server, migrated to a server activated here, installed there; that server reactivated,
    /// and its new ID deactivated.
    /// </summary>
    private async Task<Story> StoryAsync()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var earlierServer = KeyPacks.NewLicenseServerId();
        var earlier = await factory.IssueAsync(Agreement(RequestKind.InstallCals, earlierServer, agreement, 10));
        var server = await factory.ActivateServerAsync();
        var moved = await factory.IssueAsync(Agreement(RequestKind.ManageCals, server.Id, agreement, 10));
        var installed = await factory.InScopeAsync(services => services.GetRequiredService<KeyPackInstaller>().InstallAsync(server.Id, moved.Id));
        Assert.Equal(InstallOutcome.Installed, installed.Outcome);
        var newServer = (await factory.ReactivateAsync(server.Id)).Server!.Id;
        var deactivated = await factory.InScopeAsync(services => services.GetRequiredService<ServerDeactivation>().DeactivateAsync(newServer));
        Assert.Equal(DeactivationOutcome.Deactivated, deactivated.Outcome);
        return new Story(earlierServer, earlier, server.Id, moved, newServer);
    }

    private Task<RequestRecord?> HistoryAsync(Guid requestId) =>
        factory.WithServicesAsync(services => services.GetRequiredService<RequestHistory>().GetAsync(requestId));

    private sealed record Story(string EarlierServer, KeyPack Earlier, string Server, KeyPack Moved, string NewServer);
}

public sealed class RequestHistoryTestsOnSqlite(ClearinghouseFactory factory) : RequestHistoryTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class RequestHistoryTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : RequestHistoryTests<PostgreSqlClearinghouseFactory>(factory);

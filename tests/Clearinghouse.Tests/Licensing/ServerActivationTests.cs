using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>Activating a license server: a submitted activation request gets a new License Server ID, once.</summary>
public abstract class ServerActivationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Theory]
    [InlineData("windows-server-2012-r2", "windows-server-2012")]
    [InlineData("windows-server-2016", "windows-server-2016")]
    [InlineData("windows-server-2003", "windows-server-2008-r2")]
    public async Task Activate_IssuesAnIdThatChecksOutAndRegistersTheServerWithTheCalVersionOfItsSystem(string os, string version)
    {
        var request = await factory.SaveAsync(Activation(os, "00490-92005-99454-at527"));

        var outcome = await ActivateAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.Issued, outcome.Status);
        var server = await factory.ServerAsync(outcome.Server!.Id);
        Assert.Equal(IdOrigin.IssuedHere, IdFormat.LicenseServerId.Parse(server.Id).Origin);
        Assert.True(server.IssuedHere);
        Assert.NotNull(server.ActivatedAt);
        Assert.Equal(("004909200599454AT527", os, version), (server.ProductId, server.OperatingSystemCode, server.ProductVersionCode));
        Assert.Null(server.ReplacedById);
        var stored = await factory.RequestAsync(request.Id);
        Assert.Equal(server.Id, stored.IssuedLicenseServerId);
        Assert.Equal(server.ActivatedAt, stored.SubmittedAt);
    }

    [Fact]
    public async Task Activate_SubmittedAgain_ReturnsTheSameServer()
    {
        var request = await factory.SaveAsync(Activation());
        var first = await ActivateAsync(request.Id, request.Version);

        var again = await ActivateAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.Issued, again.Status);
        Assert.Equal(first.Server!.Id, again.Server!.Id);
        Assert.Equal(1, await ServersWithProductIdAsync(request.ProductId!));
    }

    [Fact]
    public async Task Activate_WhenSubmissionsRace_RegistersOneServer()
    {
        var request = await factory.SaveAsync(Activation());
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var submissions = Enumerable.Range(0, 6).Select(async _ =>
        {
            await start.Task;
            return await ActivateAsync(request.Id, request.Version);
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(submissions).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(outcomes, o => Assert.Equal(IssueStatus.Issued, o.Status));
        Assert.Single(outcomes.Select(o => o.Server!.Id).Distinct());
        Assert.Equal(1, await ServersWithProductIdAsync(request.ProductId!));
    }

    [Fact]
    public async Task Activate_WhenTheRequestChangedSinceItWasReviewed_IssuesNothing()
    {
        var request = await factory.SaveAsync(Activation());
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.CalRequests.SingleAsync(r => r.Id == request.Id);
            stored.OperatingSystemCode = "windows-server-2025";
            await db.SaveChangesAsync();
        });

        var outcome = await ActivateAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.NotIssuable, outcome.Status);
        Assert.Null((await factory.RequestAsync(request.Id)).IssuedLicenseServerId);
    }

    [Theory]
    [InlineData(null, "windows-server-2016")]
    [InlineData("00490-92005-99454", "windows-server-2016")]
    [InlineData("00490-92005-99454-AT527", null)]
    public async Task Activate_WithoutAWellFormedProductIdOrAnOperatingSystem_IssuesNothing(string? productId, string? os)
    {
        var request = Activation();
        request.ProductId = productId?.Replace("-", "", StringComparison.Ordinal); // as stored: canonical
        request.OperatingSystemCode = os;
        await factory.SaveAsync(request);

        var outcome = await ActivateAsync(request.Id, request.Version);

        Assert.Equal(IssueStatus.NotIssuable, outcome.Status);
    }

    [Fact]
    public async Task Activate_ARequestForCals_IssuesNothing()
    {
        var request = await factory.SaveAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 5));

        Assert.Equal(IssueStatus.NotIssuable, (await ActivateAsync(request.Id, request.Version)).Status);
    }

    private Task<LicenseServerOutcome> ActivateAsync(Guid requestId, int version) =>
        factory.WithServicesAsync(services => services.GetRequiredService<ServerActivation>().TryActivateAsync(requestId, version));

    private Task<int> ServersWithProductIdAsync(string productId) =>
        factory.WithDbAsync(db => db.LicenseServers.CountAsync(s => s.ProductId == productId));
}

public sealed class ServerActivationTestsOnSqlite(ClearinghouseFactory factory) : ServerActivationTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ServerActivationTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : ServerActivationTests<PostgreSqlClearinghouseFactory>(factory);

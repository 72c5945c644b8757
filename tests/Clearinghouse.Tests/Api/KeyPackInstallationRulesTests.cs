using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Api;

/// <summary>
/// The licensing rules at the key pack installation endpoint, through HTTP: a reactivated server's old ID is no longer
/// accepted, a server does not install CALs newer than its version, and a key pack whose CALs were migrated away is
/// not installed.
/// </summary>
public abstract class KeyPackInstallationRulesTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Install_ByAReactivatedServersOldId_IsGoneAndTheNewIdInstallsTheMovedKeyPack()
    {
        var old = await factory.ActivateServerAsync();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 10));
        var reactivated = await factory.ReactivateAsync(old.Id);

        using var refused = await InstallAsync(old.Id, keyPack.Id);
        using var installed = await InstallAsync(reactivated.Server!.Id, keyPack.Id);

        var problem = await Problems.ReadAsync(refused, HttpStatusCode.Gone, ErrorCodes.LicenseServerReactivated);
        Assert.Contains(IdFormat.LicenseServerId.Format(old.Id), problem.Detail(), StringComparison.Ordinal);
        Assert.DoesNotContain(IdFormat.LicenseServerId.Format(reactivated.Server.Id), problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        var body = await installed.ReadJsonAsync();
        Assert.Equal(IdFormat.LicenseServerId.Format(reactivated.Server.Id), body.GetProperty("licenseServerId").GetString());
    }

    [Fact]
    public async Task Install_ByAReactivatedServersOldId_IsGoneEvenForAKeyPackItInstalledBefore()
    {
        var old = await factory.ActivateServerAsync();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 10));
        using (var first = await InstallAsync(old.Id, keyPack.Id))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var reactivated = await factory.ReactivateAsync(old.Id);
        using var again = await InstallAsync(old.Id, keyPack.Id);
        using var fromNew = await InstallAsync(reactivated.Server!.Id, keyPack.Id);

        await Problems.ReadAsync(again, HttpStatusCode.Gone, ErrorCodes.LicenseServerReactivated);
        Assert.Equal(HttpStatusCode.OK, fromNew.StatusCode);
        var installation = await factory.WithDbAsync(db => db.KeyPackInstallations.SingleAsync(i => i.KeyPackId == keyPack.Id));
        Assert.Equal(reactivated.Server.Id, installation.LicenseServerId);
    }

    [Fact]
    public async Task Install_WhenTheKeyPackIsNewerThanTheServersVersion_IsRefusedNamingBoth()
    {
        // Issuing refuses such a key pack now; one issued before the server's version was known may still exist.
        var server = await factory.ActivateServerAsync("windows-server-2016");
        var keyPackId = KeyPacks.NewKeyPackId();
        await factory.WithDbAsync(db =>
        {
            db.KeyPacks.Add(new KeyPack
            {
                Id = keyPackId,
                LicenseServerId = server.Id,
                Channel = RequestChannel.Telephone,
                LicenseProgramCode = "select-license",
                ProductVersionCode = "windows-server-2022",
                CalTypeCode = PerUser,
                Quantity = 5,
                IssuedAt = DateTimeOffset.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        using var response = await InstallAsync(server.Id, keyPackId);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Conflict, ErrorCodes.CalVersionNewerThanServer);
        Assert.Contains("holds Windows Server 2022 CALs", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("accepts CALs up to Windows Server 2016", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPackInstallations.CountAsync(i => i.KeyPackId == keyPackId)));
    }

    [Fact]
    public async Task Install_WhenTheKeyPackIsOfTheServersVersion_IsInstalled()
    {
        var server = await factory.ActivateServerAsync("windows-server-2016");
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 10, "windows-server-2016"));

        using var response = await InstallAsync(server.Id, keyPack.Id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Install_OfAKeyPackWhoseCalsWereMigratedAway_IsGoneAndInstallsNothing()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var source = KeyPacks.NewLicenseServerId();
        var target = KeyPacks.NewLicenseServerId();
        var old = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 10));
        var moved = await factory.IssueAsync(Agreement(RequestKind.ManageCals, target, agreement, 10));

        using var refused = await InstallAsync(source, old.Id);
        using var installed = await InstallAsync(target, moved.Id);

        var problem = await Problems.ReadAsync(refused, HttpStatusCode.Gone, ErrorCodes.KeyPackMigrated);
        var migratedAt = (await factory.KeyPackAsync(old.Id)).MigratedAt!.Value;
        Assert.Equal(
            $"The CALs of license key pack {IdFormat.KeyPackId.Format(old.Id)} were moved to another license server by a " +
            $"migration (Manage CALs) on {migratedAt.UtcDateTime:yyyy-MM-dd}, so this key pack no longer holds any and " +
            "cannot be installed. They count on the license server they were moved to, under the key pack the migration " +
            "issued; remove this key pack's CALs from this license server if it still has them.",
            problem.Detail());
        Assert.Equal(migratedAt, problem.GetProperty("migratedAt").GetDateTimeOffset());
        Assert.DoesNotContain(IdFormat.KeyPackId.Format(moved.Id), problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPackInstallations.CountAsync(i => i.KeyPackId == old.Id)));
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
    }

    [Fact]
    public async Task Install_AgainOfAKeyPackInstalledBeforeItsCalsWereMigratedAway_IsGoneToo()
    {
        // Installing is idempotent, but not past a migration: "installed" would tell the server it still has the CALs.
        var agreement = KeyPacks.NewAgreementNumber();
        var source = KeyPacks.NewLicenseServerId();
        var old = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 10));
        using (var first = await InstallAsync(source, old.Id))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await factory.IssueAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        using var again = await InstallAsync(source, old.Id);

        await Problems.ReadAsync(again, HttpStatusCode.Gone, ErrorCodes.KeyPackMigrated);
    }

    [Fact]
    public async Task Install_OfAMigratedKeyPackByAnotherServer_IsStillTheOtherServersKeyPack()
    {
        // Which server a key pack belongs to is answered first: that it was migrated is its own server's business.
        var agreement = KeyPacks.NewAgreementNumber();
        var old = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var target = KeyPacks.NewLicenseServerId();
        await factory.IssueAsync(Agreement(RequestKind.ManageCals, target, agreement, 10));

        using var response = await InstallAsync(target, old.Id);

        await Problems.ReadAsync(response, HttpStatusCode.Conflict, ErrorCodes.KeyPackIssuedToAnotherServer);
    }

    [Fact]
    public async Task Install_OfAMigratedKeyPack_AnswersInEnglish_WhateverLanguageIsAsked()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var source = KeyPacks.NewLicenseServerId();
        var old = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 10));
        await factory.IssueAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri($"/api/v1/license-servers/{IdFormat.LicenseServerId.Format(source)}/key-pack-installations", UriKind.Relative))
        {
            Content = JsonContent.Create(new { keyPackId = IdFormat.KeyPackId.Format(old.Id) }),
        };
        request.Headers.AcceptLanguage.ParseAdd("de");

        using var response = await _client.SendAsync(request);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Gone, ErrorCodes.KeyPackMigrated);
        // The API is read by tools and documented in English: a German Accept-Language changes nothing in it.
        Assert.StartsWith($"The CALs of license key pack {IdFormat.KeyPackId.Format(old.Id)} were moved to another license server by a migration (Manage CALs) on ",
            problem.Detail(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> InstallAsync(string licenseServerId, string keyPackId) =>
        _client.PostAsJsonAsync(
            new Uri($"/api/v1/license-servers/{IdFormat.LicenseServerId.Format(licenseServerId)}/key-pack-installations", UriKind.Relative),
            new { keyPackId = IdFormat.KeyPackId.Format(keyPackId) });
}

public sealed class KeyPackInstallationRulesTestsOnSqlite(ClearinghouseFactory factory)
    : KeyPackInstallationRulesTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class KeyPackInstallationRulesTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : KeyPackInstallationRulesTests<PostgreSqlClearinghouseFactory>(factory);

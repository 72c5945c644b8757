using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// Finding earlier requests from one line a representative types: every field, partial IDs in any grouping, names in
/// any case and script, each request's status, and the bound on what is listed — the same on every provider.
/// </summary>
public abstract class RequestSearchTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Search_ByTargetLicenseServerId_WholeFormattedLowerCaseOrAnyPartOfFive_FindsTheRequest()
    {
        var server = KeyPacks.NewLicenseServerId();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server, KeyPacks.NewAgreementNumber(), 5));
        var formatted = IdFormat.LicenseServerId.Format(server);

        foreach (var query in new[] { server, formatted, formatted.ToLowerInvariant(), formatted[3..14], server[20..25], $" {server[7..9]} {server[9..12]} " })
        {
            var found = Assert.Single((await SearchAsync(query)).Requests, r => r.RequestId == keyPack.RequestId);
            Assert.Equal(server, found.TargetLicenseServerId);
            Assert.Equal(server, found.LicenseServerId);
            Assert.Equal(keyPack.Id, found.KeyPackId);
            Assert.Equal(RequestStatus.Issued, found.Status);
            Assert.Equal(RequestKind.InstallCals, found.Kind);
            Assert.Equal(RequestChannel.Web, found.Channel);
            Assert.Equal("Contoso Lab", found.CompanyName);
            Assert.NotNull(found.IssuedAt);
        }
    }

    [Fact]
    public async Task Search_ByFewerThanFiveCharactersOfAnId_DoesNotSearchIds()
    {
        var server = KeyPacks.NewLicenseServerId();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server, KeyPacks.NewAgreementNumber(), 5));

        Assert.DoesNotContain((await SearchAsync(server[..4])).Requests, r => r.RequestId == keyPack.RequestId);
    }

    [Fact]
    public async Task Search_ByKeyPackId_WholeOrPart_FindsTheRequest()
    {
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 5));

        foreach (var query in new[] { IdFormat.KeyPackId.Format(keyPack.Id), keyPack.Id[12..22].ToLowerInvariant(), IdFormat.KeyPackId.Format(keyPack.Id)[28..] })
        {
            Assert.Contains((await SearchAsync(query)).Requests, r => r.RequestId == keyPack.RequestId && r.KeyPackId == keyPack.Id);
        }
    }

    [Fact]
    public async Task Search_ByIssuedLicenseServerId_FindsTheActivation()
    {
        var server = await factory.ActivateServerAsync();

        var found = Assert.Single((await SearchAsync(IdFormat.LicenseServerId.Format(server.Id)[6..23])).Requests,
            r => r.Kind == RequestKind.ActivateServer && r.LicenseServerId == server.Id);
        Assert.Equal(RequestStatus.Issued, found.Status);
        Assert.Null(found.KeyPackId);
    }

    [Fact]
    public async Task Search_ByAgreementNumber_WholeOrPart_FindsTheRequest()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 5));

        Assert.Contains((await SearchAsync(agreement)).Requests, r => r.RequestId == keyPack.RequestId);
        Assert.Contains((await SearchAsync(agreement[1..])).Requests, r => r.RequestId == keyPack.RequestId);
    }

    [Fact]
    public async Task Search_ByOpenLicenseNumberOrAuthorizationNumber_FindsTheRequest()
    {
        var number = KeyPacks.NewAgreementNumber() + "1";
        var authorization = NewRetailCode()[..15];
        var keyPack = await factory.IssueAsync(OpenLicense(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), number, authorization, 5));

        Assert.Contains((await SearchAsync(number[..6])).Requests, r => r.RequestId == keyPack.RequestId);
        Assert.Contains((await SearchAsync(authorization[4..11].ToLowerInvariant())).Requests, r => r.RequestId == keyPack.RequestId);
    }

    [Fact]
    public async Task Search_ByRetailLicenseCode_WholeOrPart_FindsTheRequest()
    {
        var codes = new[] { NewRetailCode(), NewRetailCode() };
        var keyPack = await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), codes, 5));

        Assert.Contains((await SearchAsync(IdFormat.RetailLicenseCode.Format(codes[1]))).Requests, r => r.RequestId == keyPack.RequestId);
        Assert.Contains((await SearchAsync(codes[0][15..].ToLowerInvariant())).Requests, r => r.RequestId == keyPack.RequestId);
    }

    [Fact]
    public async Task Search_ByCompanyOrContactName_PartAndAnyCase_FindsTheRequest()
    {
        var unique = Unique();
        var request = await factory.SaveAsync(WithNames(Draft(), $"Fabrikam {unique} Ltd", "Grace", $"Hopper{unique}"));

        foreach (var query in new[] { $"fabrikam {unique}", $"FABRIKAM {unique.ToLowerInvariant()}", $"hopper{unique}", $"grace hopper{unique}", $"{unique} ltd" })
        {
            var found = Assert.Single((await SearchAsync(query)).Requests, r => r.RequestId == request.Id);
            Assert.Equal(RequestStatus.Draft, found.Status);
            Assert.Equal($"Hopper{unique}", found.LastName);
        }

        Assert.DoesNotContain((await SearchAsync($"grace {unique}x")).Requests, r => r.RequestId == request.Id);
    }

    [Theory]
    [InlineData("Müller-Lüdenscheidt", "Jörg", "Bäckerei Straße", "müller-lüdenscheidt", "jÖRG", "BÄCKEREI")]
    [InlineData("ÖZDEMİR", "Ümit", "ÄRZTE ÜBER ALLES", "özdemİr", "ümit", "ärzte über")]
    [InlineData("山田", "太郎", "コントソ株式会社", "山田", "太郎 山田", "コントソ")]
    [InlineData("Ελληνικά", "Σοφία", "ΑΘΗΝΑ", "ελληνικά", "σοφία", "αθηνα")]
    public async Task Search_ByNonAsciiNames_InAnyCase_FindsTheRequest(
        string lastName, string firstName, string company, string byLastName, string byFirstName, string byCompany)
    {
        var unique = Unique();
        var request = await factory.SaveAsync(WithNames(Draft(), $"{company} {unique}", firstName, lastName));

        foreach (var query in new[] { $"{byLastName} {unique}", $"{byFirstName} {unique}", $"{byCompany} {unique}" })
        {
            Assert.Contains((await SearchAsync(query)).Requests, r => r.RequestId == request.Id);
        }
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task Search_ForAWildcardCharacter_FindsItLiterally_NotEveryName(string query)
    {
        var plain = await factory.SaveAsync(WithNames(Draft(), $"Plain {Unique()}", "Ada", "Okafor"));

        var found = (await SearchAsync(query)).Requests;

        Assert.DoesNotContain(found, r => r.RequestId == plain.Id);
        Assert.All(found, r => Assert.Contains(query, r.CompanyName + r.FirstName + r.LastName, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" - -- ")]
    public async Task Search_ForNothing_FindsNothing(string query)
    {
        await factory.SaveAsync(Draft());

        Assert.Same(RequestSearchResults.None, await SearchAsync(query));
    }

    [Fact]
    public async Task Search_FindsANameWithAWildcardCharacter_Literally()
    {
        var unique = Unique();
        var request = await factory.SaveAsync(WithNames(Draft(), $"100% {unique}_Labs", "Ada", "Okafor"));

        Assert.Contains((await SearchAsync($"100% {unique}_l")).Requests, r => r.RequestId == request.Id);
        Assert.Empty((await SearchAsync($"100%{unique}")).Requests);
    }

    [Fact]
    public async Task Search_ListsNewestFirst_AndAtMostTheLimit_SayingThereIsMore()
    {
        var unique = Unique();
        var requests = new List<CalRequest>();
        for (var i = 0; i < 3; i++)
        {
            requests.Add(await factory.SaveAsync(
                WithNames(Draft(DateTimeOffset.UtcNow.AddMinutes(i), RequestChannel.Telephone), $"Bounded {unique}", "Ada", "Okafor")));
        }

        var page = await SearchAsync($"bounded {unique}", limit: 2);
        var all = await SearchAsync($"bounded {unique}");

        Assert.Equal([requests[2].Id, requests[1].Id], page.Requests.Select(r => r.RequestId));
        Assert.True(page.HasMore);
        Assert.Equal([requests[2].Id, requests[1].Id, requests[0].Id], all.Requests.Select(r => r.RequestId));
        Assert.False(all.HasMore);
        Assert.All(all.Requests, r => Assert.Equal(RequestChannel.Telephone, r.Channel));
    }

    [Fact]
    public async Task Status_OfAnInstalledKeyPack_IsInstalled()
    {
        var server = await factory.ActivateServerAsync();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5));
        var installed = await factory.WithServicesAsync(services =>
            services.GetRequiredService<KeyPackInstaller>().InstallAsync(server.Id, keyPack.Id));
        Assert.Equal(InstallOutcome.Installed, installed.Outcome);

        var found = Assert.Single((await SearchAsync(keyPack.Id)).Requests);
        Assert.Equal(RequestStatus.Installed, found.Status);
        Assert.NotNull(found.InstalledAt);
    }

    [Fact]
    public async Task Status_OfAKeyPackWhoseCalsWereMigrated_IsMigratedAway_AndTheNewOneIsIssued()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        var first = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var moved = await factory.IssueAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 10));

        var found = (await SearchAsync(agreement)).Requests;

        Assert.Equal([moved.RequestId!.Value, first.RequestId!.Value], found.Select(r => r.RequestId));
        Assert.Equal(RequestStatus.MigratedAway, found[1].Status);
        Assert.Equal(moved.Id, found[1].MigratedToKeyPackId);
        Assert.Equal(RequestStatus.Issued, found[0].Status);
        Assert.Equal(RequestKind.ManageCals, found[0].Kind);
    }

    [Fact]
    public async Task Status_AfterAReactivation_IsReactivatedForTheOldId_AndTheKeyPackFollowsTheNewId()
    {
        var server = await factory.ActivateServerAsync();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5));
        var reactivated = (await factory.ReactivateAsync(server.Id)).Server!;

        var found = (await SearchAsync(server.Id)).Requests;

        Assert.Equal(RequestStatus.Reactivated, Assert.Single(found, r => r.Kind == RequestKind.ActivateServer).Status);
        var reactivation = Assert.Single(found, r => r.Kind == RequestKind.ReactivateServer);
        Assert.Equal(RequestStatus.Issued, reactivation.Status);
        Assert.Equal(reactivated.Id, reactivation.LicenseServerId);
        var cals = Assert.Single(found, r => r.RequestId == keyPack.RequestId);
        Assert.Equal(RequestStatus.Issued, cals.Status);
        Assert.Equal(server.Id, cals.TargetLicenseServerId);
        Assert.Equal(reactivated.Id, cals.LicenseServerId);
        Assert.Contains((await SearchAsync(reactivated.Id)).Requests, r => r.RequestId == keyPack.RequestId);
    }

    [Fact]
    public async Task Status_AfterADeactivation_IsDeactivated()
    {
        var server = await factory.ActivateServerAsync();
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5));
        var result = await factory.WithServicesAsync(services => services.GetRequiredService<TelephoneDeactivation>().DeactivateAsync(server.Id));
        Assert.Equal(DeactivationOutcome.Deactivated, result.Deactivation.Outcome);
        Assert.True(TelephoneDeactivation.Verify(result.ConfirmationCode).IsValid);

        var found = (await SearchAsync(server.Id)).Requests;

        Assert.All(found, r => Assert.Equal(RequestStatus.Deactivated, r.Status));
        Assert.Contains(found, r => r.RequestId == keyPack.RequestId);
        Assert.Contains(found, r => r.Kind == RequestKind.ActivateServer);
    }

    [Fact]
    public async Task TelephoneDeactivation_OfAServerDeactivatedBefore_GivesTheSameCode()
    {
        var server = await factory.ActivateServerAsync();
        var first = await factory.WithServicesAsync(services => services.GetRequiredService<TelephoneDeactivation>().DeactivateAsync(server.Id));

        var again = await factory.WithServicesAsync(services => services.GetRequiredService<TelephoneDeactivation>().DeactivateAsync(server.Id));

        Assert.Equal(DeactivationOutcome.AlreadyDeactivated, again.Deactivation.Outcome);
        Assert.NotNull(first.ConfirmationCode);
        Assert.Equal(first.ConfirmationCode, again.ConfirmationCode);
    }

    private Task<RequestSearchResults> SearchAsync(string query, int limit = RequestSearch.DefaultLimit) =>
        factory.WithServicesAsync(services => services.GetRequiredService<RequestSearch>().SearchAsync(query, limit));

    private static CalRequest Draft(DateTimeOffset? createdAt = null, RequestChannel channel = RequestChannel.Web) =>
        new()
        {
            Id = Guid.NewGuid(),
            Kind = RequestKind.ManageCals,
            Channel = channel,
            CreatedAt = createdAt ?? DateTimeOffset.UtcNow,
            UpdatedAt = createdAt ?? DateTimeOffset.UtcNow,
        };

    private static CalRequest WithNames(CalRequest request, string company, string firstName, string lastName)
    {
        request.CompanyName = company;
        request.FirstName = firstName;
        request.LastName = lastName;
        return request;
    }

    // Letters no other test's names share, so a name query finds this test's requests alone.
    private static string Unique() => "Q" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}

public sealed class RequestSearchTestsOnSqlite(ClearinghouseFactory factory) : RequestSearchTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class RequestSearchTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : RequestSearchTests<PostgreSqlClearinghouseFactory>(factory);

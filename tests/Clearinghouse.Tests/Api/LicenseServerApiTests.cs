using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.ApiClient;

namespace Clearinghouse.Tests.Api;

/// <summary>
/// The license server's own operations through HTTP: activation, reactivation, deactivation, CALs requested directly
/// and what the server holds, with the credential each takes and every refusal's status and code.
/// </summary>
public abstract class LicenseServerApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Activate_ReturnsTheNewIdACredentialAndTheVersionItAccepts()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/license-servers", ActivationBody("windows-server-2016"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("licenseServerId").GetString()!;
        Assert.Equal($"/api/v1/license-servers/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(41, id.Length);
        Assert.Equal("windows-server-2016", body.GetProperty("productVersion").GetString());
        Assert.Equal("windows-server-2016", body.GetProperty("operatingSystem").GetString());
        var credential = body.GetProperty("credential").GetString()!;
        Assert.True(credential.Length >= 43);

        // Only its hash is kept.
        var server = await factory.WithDbAsync(db => db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == id.Replace("-", "", StringComparison.Ordinal)));
        Assert.Equal(ServerCredentials.Hash(credential), server.CredentialHash);
        var request = await factory.WithDbAsync(db => db.CalRequests.AsNoTracking().SingleAsync(r => r.IssuedLicenseServerId == server.Id));
        Assert.Equal(Clearinghouse.Web.Data.RequestChannel.Automatic, request.Channel);
    }

    [Theory]
    [InlineData("productId", "12345", ErrorCodes.MalformedProductId)]
    [InlineData("operatingSystem", "windows-nt-4", ErrorCodes.UnknownOperatingSystem)]
    public async Task Activate_WithAFieldWrong_IsRefusedNamingIt(string field, string value, string code)
    {
        var body = JsonSerializer.SerializeToNode(ActivationBody())!.AsObject();
        body[field] = value;

        using var response = await _client.PostAsJsonAsync("/api/v1/license-servers", body);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, code);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Activate_WithoutTheCompanysName_IsRefusedOnThatField()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/license-servers", new
        {
            productId = LicensingRequests.NewProductId(),
            operatingSystem = "windows-server-2022",
            company = new { firstName = "Ada", lastName = "Okafor", countryRegion = "US" },
        });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MissingValue);
        Assert.True(problem.GetProperty("errors").TryGetProperty("companyName", out _));
    }

    [Fact]
    public async Task Activate_WithUnreadableJson_IsABadRequest()
    {
        using var content = new StringContent("{\"productId\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/license-servers", content);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
    }

    [Fact]
    public async Task RequestCals_Install_IssuesAndInstallsAKeyPackAtOnce()
    {
        var server = await _client.ActivateAsync();

        using var response = await _client.RequestCalsAsync(server, Agreement("install", 25));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var keyPack = await response.ReadJsonAsync();
        var keyPackId = keyPack.GetProperty("keyPackId").GetString()!;
        Assert.Equal($"/api/v1/license-servers/{server.Id}/key-packs/{keyPackId}", response.Headers.Location?.OriginalString);
        Assert.Equal(server.Id, keyPack.GetProperty("licenseServerId").GetString());
        Assert.Equal("installed", keyPack.GetProperty("status").GetString());
        Assert.Equal(25, keyPack.GetProperty("quantity").GetInt32());
        Assert.Equal(JsonValueKind.String, keyPack.GetProperty("installedAt").ValueKind);
    }

    [Fact]
    public async Task RequestCals_TheLocationItAnswers_GivesTheSameKeyPack()
    {
        var server = await _client.ActivateAsync();
        using var created = await _client.RequestCalsAsync(server, Agreement("install", 12));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answered = await created.Content.ReadAsStringAsync();

        using var followed = await _client.SendAsync(HttpMethod.Get, created.Headers.Location!.OriginalString, server.Credential);

        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal(answered, await followed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeyPack_OfAnotherServer_IsNotFound_AsIfItDidNotExist()
    {
        var server = await _client.ActivateAsync();
        var other = await _client.ActivateAsync();
        string othersKeyPackId;
        using (var issued = await _client.RequestCalsAsync(other, Agreement("install", 2)))
        {
            othersKeyPackId = (await issued.ReadJsonAsync()).GetProperty("keyPackId").GetString()!;
        }

        var neverIssued = IdFormat.KeyPackId.Format(KeyPacks.NewKeyPackId());
        using var others = await _client.SendAsync(HttpMethod.Get, $"/api/v1/license-servers/{server.Id}/key-packs/{othersKeyPackId}", server.Credential);
        using var unknown = await _client.SendAsync(HttpMethod.Get, $"/api/v1/license-servers/{server.Id}/key-packs/{neverIssued}", server.Credential);

        var othersProblem = await Problems.ReadAsync(others, HttpStatusCode.NotFound, ErrorCodes.KeyPackNotFound);
        var unknownProblem = await Problems.ReadAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.KeyPackNotFound);
        Assert.Equal(othersProblem.GetProperty("title").GetString(), unknownProblem.GetProperty("title").GetString());
        Assert.DoesNotContain(other.Id, othersProblem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyPack_WithAMalformedId_IsABadRequestNamingTheField()
    {
        var server = await _client.ActivateAsync();

        using var response = await _client.SendAsync(HttpMethod.Get, $"/api/v1/license-servers/{server.Id}/key-packs/ABCDE-12", server.Credential);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedKeyPackId);
        Assert.Equal("keyPackId", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task KeyPack_OfARetiredServer_IsGone()
    {
        var server = await _client.ActivateAsync();
        string location;
        using (var issued = await _client.RequestCalsAsync(server, Agreement("install", 4)))
        {
            location = issued.Headers.Location!.OriginalString;
        }

        using (var deactivated = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/license-servers/{server.Id}", server.Credential))
        {
            Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        }

        using var response = await _client.SendAsync(HttpMethod.Get, location, server.Credential);

        await Problems.ReadAsync(response, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
    }

    [Fact]
    public async Task RequestCals_Migrate_MovesThePurchasesCalsAndTheTotalsFollow()
    {
        var source = await _client.ActivateAsync();
        var target = await _client.ActivateAsync();
        var agreement = KeyPacks.NewAgreementNumber();
        using (var installed = await _client.RequestCalsAsync(source, Agreement("install", 10, agreement)))
        {
            Assert.Equal(HttpStatusCode.Created, installed.StatusCode);
        }

        using var migrated = await _client.RequestCalsAsync(target, Agreement("migrate", 10, agreement));
        Assert.Equal(HttpStatusCode.Created, migrated.StatusCode);

        using var sourceHolds = await _client.KeyPacksAsync(source);
        using var targetHolds = await _client.KeyPacksAsync(target);
        var sourceBody = await sourceHolds.ReadJsonAsync();
        var targetBody = await targetHolds.ReadJsonAsync();
        Assert.Equal("migrated", sourceBody.GetProperty("keyPacks")[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, sourceBody.GetProperty("keyPacks")[0].GetProperty("migratedAt").ValueKind);
        Assert.Equal(0, sourceBody.GetProperty("totals").GetArrayLength());
        var total = Assert.Single(targetBody.GetProperty("totals").EnumerateArray());
        Assert.Equal("windows-server-2022", total.GetProperty("productVersion").GetString());
        Assert.Equal("rds-per-user", total.GetProperty("calType").GetString());
        Assert.Equal(10, total.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task KeyPacks_TotalsAddUpPerVersionAndType()
    {
        var server = await _client.ActivateAsync();
        foreach (var quantity in new[] { 5, 7 })
        {
            using var response = await _client.RequestCalsAsync(server, Agreement("install", quantity));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        using var holds = await _client.KeyPacksAsync(server);

        var body = await holds.ReadJsonAsync();
        Assert.Equal(server.Id, body.GetProperty("licenseServerId").GetString());
        Assert.Equal(2, body.GetProperty("keyPacks").GetArrayLength());
        Assert.Equal(12, Assert.Single(body.GetProperty("totals").EnumerateArray()).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task RequestCals_WithARetailCodeInstalledBefore_IsRefused()
    {
        var server = await _client.ActivateAsync();
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        var code = IdFormat.RetailLicenseCode.Generate(random);
        var body = new
        {
            kind = "install", licenseProgram = "license-pack", licenseCodes = new[] { code },
            productVersion = "windows-server-2022", calType = "rds-per-device", quantity = 5,
        };
        using (var first = await _client.RequestCalsAsync(server, body))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var again = await _client.RequestCalsAsync(server, body);

        var problem = await Problems.ReadAsync(again, HttpStatusCode.Conflict, ErrorCodes.LicenseCodeAlreadyInstalled);
        Assert.Equal("licenseCodes", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task RequestCals_NewerThanTheServer_IsRefused()
    {
        var server = await _client.ActivateAsync("windows-server-2016");

        using var response = await _client.RequestCalsAsync(server, Agreement("install", 5, version: "windows-server-2022"));

        await Problems.ReadAsync(response, HttpStatusCode.Conflict, ErrorCodes.CalVersionNewerThanServer);
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == server.Id.Replace("-", "", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task RequestCals_InStrictMode_WithAnUnregisteredAgreement_IsRefused()
    {
        using var strict = factory.Strict();
        using var client = strict.CreateClient();
        var server = await client.ActivateAsync();

        using var response = await client.RequestCalsAsync(server, Agreement("install", 5));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Conflict, ErrorCodes.PurchaseNotRegistered);
        Assert.Equal("agreementNumber", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("kind", "borrow", ErrorCodes.InvalidRequest)]
    [InlineData("licenseProgram", "gift", ErrorCodes.UnknownLicenseProgram)]
    [InlineData("agreementNumber", "12", ErrorCodes.MalformedAgreementNumber)]
    [InlineData("productVersion", "windows-95", ErrorCodes.UnknownProductVersion)]
    [InlineData("calType", "vdi-premium", ErrorCodes.CalTypeNotSoldForVersion)]
    [InlineData("quantity", 0, ErrorCodes.QuantityOutOfRange)]
    [InlineData("quantity", 10_000, ErrorCodes.QuantityOutOfRange)]
    [InlineData("reason", "bored", ErrorCodes.UnknownReason)]
    public async Task RequestCals_WithAFieldWrong_IsRefusedNamingIt(string field, object value, string code)
    {
        var server = await _client.ActivateAsync();
        var body = JsonSerializer.SerializeToNode(Agreement(field == "reason" ? "migrate" : "install", 5))!.AsObject();
        body[field] = JsonSerializer.SerializeToNode(value);

        using var response = await _client.RequestCalsAsync(server, body);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, code);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task RequestCals_WithAWrongType_IsABadRequest()
    {
        var server = await _client.ActivateAsync();
        var body = JsonSerializer.SerializeToNode(Agreement("install", 5))!.AsObject();
        body["quantity"] = "many";

        using var response = await _client.RequestCalsAsync(server, body);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidRequest);
        Assert.Equal("quantity", problem.GetProperty("field").GetString());
        Assert.StartsWith("The value of quantity could not be read", problem.Detail(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _), problem.ToString());
    }

    [Fact]
    public async Task Reactivate_GivesANewIdAndCredential_KeyPacksFollow_TheOldIdIsGone()
    {
        var old = await _client.ActivateAsync();
        using (var issued = await _client.RequestCalsAsync(old, Agreement("install", 8)))
        {
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        }

        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{old.Id}/reactivations",
            old.Credential, new { reason = "redeployed" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var renewed = new ApiServer(body.GetProperty("licenseServerId").GetString()!, body.GetProperty("credential").GetString()!);
        Assert.NotEqual(old.Id, renewed.Id);
        Assert.NotEqual(old.Credential, renewed.Credential);
        Assert.Equal(old.Id, body.GetProperty("previousLicenseServerId").GetString());
        Assert.Equal(renewed.Id, Assert.Single(body.GetProperty("keyPacks").EnumerateArray()).GetProperty("licenseServerId").GetString());

        using var holds = await _client.KeyPacksAsync(renewed);
        Assert.Equal(8, Assert.Single((await holds.ReadJsonAsync()).GetProperty("totals").EnumerateArray()).GetProperty("quantity").GetInt32());

        // The old credential is dead: its own ID is gone, and it is nobody else's.
        using var oldId = await _client.KeyPacksAsync(old);
        await Problems.ReadAsync(oldId, HttpStatusCode.Gone, ErrorCodes.LicenseServerReactivated);
        using var oldCredentialOnNewId = await _client.KeyPacksAsync(renewed, old.Credential);
        await Problems.ReadAsync(oldCredentialOnNewId, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var requestOnOld = await _client.RequestCalsAsync(old, Agreement("install", 1));
        await Problems.ReadAsync(requestOnOld, HttpStatusCode.Gone, ErrorCodes.LicenseServerReactivated);
    }

    [Fact]
    public async Task Reactivate_WithAnUnknownReason_IsRefused()
    {
        var server = await _client.ActivateAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{server.Id}/reactivations",
            server.Credential, new { reason = "replaced" });

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.UnknownReason);
    }

    [Fact]
    public async Task Deactivate_ListsTheKeyPacksLeft_ThenTheIdIsGoneEverywhere()
    {
        var server = await _client.ActivateAsync();
        string keyPackId;
        using (var issued = await _client.RequestCalsAsync(server, Agreement("install", 3)))
        {
            keyPackId = (await issued.ReadJsonAsync()).GetProperty("keyPackId").GetString()!;
        }

        using var response = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/license-servers/{server.Id}", server.Credential);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(server.Id, body.GetProperty("licenseServerId").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("deactivatedAt").ValueKind);
        Assert.Equal(keyPackId, Assert.Single(body.GetProperty("keyPacks").EnumerateArray()).GetProperty("keyPackId").GetString());

        using var again = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/license-servers/{server.Id}", server.Credential);
        await Problems.ReadAsync(again, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
        using var holds = await _client.KeyPacksAsync(server);
        await Problems.ReadAsync(holds, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
        using var request = await _client.RequestCalsAsync(server, Agreement("install", 1));
        await Problems.ReadAsync(request, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
        using var install = await _client.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{server.Id}/key-pack-installations",
            server.Credential, new { keyPackId });
        await Problems.ReadAsync(install, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
        using var reactivate = await _client.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{server.Id}/reactivations",
            server.Credential, new { reason = "redeployed" });
        await Problems.ReadAsync(reactivate, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
    }

    [Fact]
    public async Task KeyPackInstallation_ForAServerActivatedThroughTheApi_TakesItsCredential()
    {
        var server = await _client.ActivateAsync();
        var keyPack = await factory.IssueAsync(server.Id.Replace("-", "", StringComparison.Ordinal));
        var path = $"/api/v1/license-servers/{server.Id}/key-pack-installations";

        using var without = await _client.SendAsync(HttpMethod.Post, path, credential: null, new { keyPack.KeyPackId });
        using var with = await _client.SendAsync(HttpMethod.Post, path, server.Credential, new { keyPack.KeyPackId });

        await Problems.ReadAsync(without, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal("installed", (await with.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task KeyPackInstallation_ForAForeignServer_TakesItsIdAlone()
    {
        var keyPack = await factory.IssueAsync();

        using var response = await _client.SendAsync(HttpMethod.Post,
            $"/api/v1/license-servers/{keyPack.LicenseServerId}/key-pack-installations", credential: null, new { keyPack.KeyPackId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class LicenseServerApiTestsOnSqlite(ClearinghouseFactory factory)
    : LicenseServerApiTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class LicenseServerApiTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : LicenseServerApiTests<PostgreSqlClearinghouseFactory>(factory);

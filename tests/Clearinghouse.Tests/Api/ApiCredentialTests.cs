using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using static Clearinghouse.Tests.Infrastructure.ApiClient;

namespace Clearinghouse.Tests.Api;

/// <summary>
/// Bearer credentials on a license server's resources: 401 for none, a wrong one or an ID that does not exist — one
/// answer for all, so it never says whether an ID exists — and 403 for another server's.
/// </summary>
public abstract class ApiCredentialTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> Operations => new()
    {
        { "GET", "key-packs" },
        { "POST", "cal-requests" },
        { "POST", "reactivations" },
        { "DELETE", "" },
    };

    private Task<HttpResponseMessage> CallAsync(string method, string operation, string serverId, string? credential)
    {
        var path = $"/api/v1/license-servers/{serverId}" + (operation.Length > 0 ? $"/{operation}" : "");
        object? body = operation switch
        {
            "cal-requests" => Agreement("install", 1),
            "reactivations" => new { reason = "redeployed" },
            _ => null,
        };
        return _client.SendAsync(new HttpMethod(method), path, credential, body);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Call_WithoutACredential_IsUnauthorized(string method, string operation)
    {
        var server = await _client.ActivateAsync();

        using var response = await CallAsync(method, operation, server.Id, credential: null);

        await Problems.ReadAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Call_WithAWrongCredential_AndForAnIdThatDoesNotExist_GetTheSameAnswer(string method, string operation)
    {
        var server = await _client.ActivateAsync();
        var unknown = IdFormat.LicenseServerId.Format(KeyPacks.NewLicenseServerId());

        using var wrong = await CallAsync(method, operation, server.Id, "not-the-credential");
        using var missing = await CallAsync(method, operation, unknown, "not-the-credential");

        var wrongProblem = await Problems.ReadAsync(wrong, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        var missingProblem = await Problems.ReadAsync(missing, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        Assert.Equal(wrongProblem.Detail(), missingProblem.Detail());
        Assert.Equal(wrong.Headers.WwwAuthenticate.ToString(), missing.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Call_WithAnotherServersCredential_IsForbidden(string method, string operation)
    {
        var server = await _client.ActivateAsync();
        var other = await _client.ActivateAsync();

        using var response = await CallAsync(method, operation, server.Id, other.Credential);

        await Problems.ReadAsync(response, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Call_WithAMalformedId_IsABadRequest()
    {
        var server = await _client.ActivateAsync();

        using var response = await CallAsync("GET", "key-packs", "ABC", server.Credential);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedLicenseServerId);
    }
}

public sealed class ApiCredentialTestsOnSqlite(ClearinghouseFactory factory)
    : ApiCredentialTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ApiCredentialTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : ApiCredentialTests<PostgreSqlClearinghouseFactory>(factory);

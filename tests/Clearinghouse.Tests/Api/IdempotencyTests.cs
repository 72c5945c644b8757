using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.ApiClient;

namespace Clearinghouse.Tests.Api;

/// <summary>
/// Idempotency-Key: a retry gets the first answer (not a second key pack or server), another body with the same key is
/// refused, and two retries racing run the request once.
/// </summary>
public abstract class IdempotencyTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string NewKey() => Guid.NewGuid().ToString();

    private static string Canonical(string id) => id.Replace("-", "", StringComparison.Ordinal);

    [Fact]
    public async Task RequestCals_RetriedWithTheSameKey_ReplaysTheFirstAnswer_AndIssuesOneKeyPack()
    {
        var server = await _client.ActivateAsync();
        var body = Agreement("install", 6);
        var key = NewKey();

        using var first = await _client.RequestCalsAsync(server, body, key);
        using var retry = await _client.RequestCalsAsync(server, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotency-Replayed")));
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == Canonical(server.Id))));
    }

    [Fact]
    public async Task Activate_RetriedWithTheSameKey_RegistersOneServer()
    {
        var body = ActivationBody();
        var key = NewKey();

        using var first = await _client.SendAsync(HttpMethod.Post, "/api/v1/license-servers", null, body, key);
        using var retry = await _client.SendAsync(HttpMethod.Post, "/api/v1/license-servers", null, body, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
    }

    [Fact]
    public async Task RequestCals_SameKeyWithAnotherBody_IsRefused()
    {
        var server = await _client.ActivateAsync();
        var key = NewKey();
        using (var first = await _client.RequestCalsAsync(server, Agreement("install", 6), key))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var other = await _client.RequestCalsAsync(server, Agreement("install", 7), key);

        await Problems.ReadAsync(other, (HttpStatusCode)422, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == Canonical(server.Id))));
    }

    [Fact]
    public async Task RequestCals_TwoRetriesRacing_IssueOneKeyPack_AndGetOneAnswer()
    {
        var server = await _client.ActivateAsync();
        var body = Agreement("install", 9);
        var key = NewKey();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _client.RequestCalsAsync(server, body, key)));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
            Assert.Single(bodies.Distinct(StringComparer.Ordinal));
            Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == Canonical(server.Id))));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Deactivate_Retried_ReplaysTheFirstAnswer()
    {
        var server = await _client.ActivateAsync();
        var key = NewKey();

        using var first = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/license-servers/{server.Id}", server.Credential, null, key);
        using var retry = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/license-servers/{server.Id}", server.Credential, null, key);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refusal_IsReplayedToo()
    {
        var server = await _client.ActivateAsync("windows-server-2016");
        var key = NewKey();
        var body = Agreement("install", 2);

        using var first = await _client.RequestCalsAsync(server, body, key);
        using var retry = await _client.RequestCalsAsync(server, body, key);

        await Problems.ReadAsync(retry, HttpStatusCode.Conflict, ErrorCodes.CalVersionNewerThanServer);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotency-Replayed")));
    }

    [Theory]
    [InlineData("ключ")]
    [InlineData("key\u007f")]
    public async Task Request_WithAMalformedKey_IsABadRequest(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/license-servers") { Content = JsonContent.Create(ActivationBody()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await _client.SendAsync(request);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedIdempotencyKey);
    }

    [Fact]
    public async Task Request_WithAKeyTooLong_IsABadRequest()
    {
        using var response = await _client.SendAsync(HttpMethod.Post, "/api/v1/license-servers", null, ActivationBody(), new string('k', 101));

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedIdempotencyKey);
    }

    [Fact]
    public async Task Purge_DeletesOnlyExpiredAnswers()
    {
        var key = NewKey();
        using (var response = await _client.SendAsync(HttpMethod.Post, "/api/v1/license-servers", null, ActivationBody(), key))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await factory.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow.AddHours(-25))));
        var purge = factory.Services.GetService(typeof(Clearinghouse.Web.Api.IdempotencyPurge)) as Clearinghouse.Web.Api.IdempotencyPurge;
        await purge!.PurgeAsync();

        Assert.False(await factory.WithDbAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == key)));
    }
}

public sealed class IdempotencyTestsOnSqlite(ClearinghouseFactory factory)
    : IdempotencyTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class IdempotencyTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : IdempotencyTests<PostgreSqlClearinghouseFactory>(factory);

using System.Net;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Api;

/// <summary>The catalogue: the codes requests take, cacheable with an ETag.</summary>
public sealed class CatalogTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Catalog_ListsEveryPartWithAnETagAndCacheControl()
    {
        using var response = await _client.GetAsync("/api/v1/catalog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl?.MaxAge);
        var body = await response.ReadJsonAsync();
        Assert.Contains(body.GetProperty("programs").EnumerateArray(), p => p.GetProperty("code").GetString() == "enterprise-agreement");
        var v2022 = body.GetProperty("productVersions").EnumerateArray().Single(v => v.GetProperty("code").GetString() == "windows-server-2022");
        Assert.Contains(v2022.GetProperty("calTypes").EnumerateArray(), t => t.GetProperty("code").GetString() == "rds-per-user");
        Assert.Contains(body.GetProperty("migrationReasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "replaced");
        Assert.Contains(body.GetProperty("reactivationReasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "redeployed");
        Assert.Contains(body.GetProperty("operatingSystems").EnumerateArray(), o => o.GetProperty("productVersion").GetString() == "windows-server-2016");
        var us = body.GetProperty("countries").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "US");
        Assert.False(string.IsNullOrEmpty(us.GetProperty("phone").GetString()));
    }

    [Fact]
    public async Task Catalog_WithTheETagInIfNoneMatch_IsNotModified()
    {
        using var first = await _client.GetAsync("/api/v1/catalog");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Catalog_WithAnotherETag_IsSentAgain()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog");
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"stale\""));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

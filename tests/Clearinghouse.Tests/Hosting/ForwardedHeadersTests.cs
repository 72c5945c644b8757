using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// The client's address and scheme from the load balancer's X-Forwarded-For and X-Forwarded-Proto, believed from
/// the proxies the settings name and from no one else. Served on a real socket: the portal sees the test's loopback
/// address as the connection's.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Host = "clearinghouse.test";

    // One API request per client address, then 429: which address a request counts as shows in which are refused.
    private static readonly Dictionary<string, string?> OnePerClient = new()
    {
        ["RateLimits:ApiRequestsBurstPerClient"] = "1",
        ["RateLimits:ApiRequestsPerMinutePerClient"] = "1",
        ["Https:Redirect"] = "false",
    };

    [Fact]
    public async Task RateLimit_BehindAKnownProxy_CountsEachForwardedClientOnItsOwn()
    {
        using var portal = new HostingFactory(With(OnePerClient, ("ForwardedHeaders:KnownProxies:0", "127.0.0.1")), onLoopback: true);
        using var client = portal.CreateClient();

        using var first = await CatalogAsync(client, forwardedFor: "203.0.113.1");
        using var other = await CatalogAsync(client, forwardedFor: "203.0.113.2");
        using var firstAgain = await CatalogAsync(client, forwardedFor: "203.0.113.1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        await Problems.ReadAsync(firstAgain, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyRequests);

        // Kestrel names itself nowhere.
        Assert.False(first.Headers.Contains("Server"), string.Join(", ", first.Headers.Select(h => h.Key)));
    }

    [Fact]
    public async Task RateLimit_WithXForwardedForFromAnUnknownAddress_IgnoresIt()
    {
        // The proxy the settings name is elsewhere: this connection (loopback) is a client, whatever it claims.
        using var portal = new HostingFactory(With(OnePerClient, ("ForwardedHeaders:KnownProxies:0", "192.0.2.10")), onLoopback: true);
        using var client = portal.CreateClient();

        using var first = await CatalogAsync(client, forwardedFor: "203.0.113.1");
        using var claimingAnother = await CatalogAsync(client, forwardedFor: "203.0.113.2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await Problems.ReadAsync(claimingAnother, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyRequests);
    }

    [Fact]
    public async Task Https_TerminatedByAKnownLoadBalancer_IsNotRedirected_AndPinnedWithHsts()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownNetworks"] = "127.0.0.0/8, ::1/128",
            ["https_port"] = "443",
        }, environment: "Production", onLoopback: true);
        using var client = portal.CreatePageClient();

        using var overHttps = await GetAsync(client, "/", forwardedProto: "https");
        using var overHttp = await GetAsync(client, "/");

        Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(",", overHttps.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, overHttp.StatusCode);
        Assert.Equal(new Uri($"https://{Host}/"), overHttp.Headers.Location);
    }

    [Fact]
    public async Task Https_ClaimedByAnUnknownAddress_IsRedirected()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "192.0.2.10",
            ["https_port"] = "443",
        }, environment: "Production", onLoopback: true);
        using var client = portal.CreatePageClient();

        using var response = await GetAsync(client, "/manage-cals", forwardedProto: "https");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri($"https://{Host}/manage-cals"), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example")]
    public void Start_WithAProxyThatIsNotAnAddress_StopsNamingIt(string setting, string value)
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { [setting] = value });

        Assert.NotNull(Record.Exception(() => portal.CreateClient()));

        var said = Assert.Single(portal.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("ForwardedHeaders:KnownProxies", said.Message, StringComparison.Ordinal);
        Assert.Contains(value, said.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string? Value)[] more)
    {
        var all = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in more)
        {
            all[key] = value;
        }

        return all;
    }

    private static Task<HttpResponseMessage> CatalogAsync(HttpClient client, string forwardedFor) =>
        GetAsync(client, "/api/v1/catalog", forwardedFor: forwardedFor);

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? forwardedFor = null, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = Host;
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return client.SendAsync(request);
    }
}

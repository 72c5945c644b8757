using System.Net;
using System.Text;
using System.Text.Json;
using Clearinghouse.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clearinghouse.Tests.Hosting;

/// <summary>The portal as ASPNETCORE_ENVIRONMENT=Production starts it, behind a load balancer answering on port 443.</summary>
public sealed class ProductionPortal() : HostingFactory(new Dictionary<string, string?> { ["https_port"] = "443" }, environment: "Production");

/// <summary>
/// What production asks of every answer, with nothing configured: HTTPS (redirected, pinned with HSTS), the security
/// headers on pages, the API, static files, errors and 404s, Secure cookies, no API documentation, and the version in
/// the health answers.
/// </summary>
public sealed class ProductionDefaultsTests(ProductionPortal portal) : IClassFixture<ProductionPortal>
{
    private static readonly Uri Https = new("https://clearinghouse.test");
    private static readonly Uri Http = new("http://clearinghouse.test");

    public static TheoryData<string> EveryKindOfAnswer => new()
    {
        "/", "/manage-cals", "/console/sign-in", "/css/site.css", "/js/site.js", "/favicon.svg", "/api/v1/catalog",
        "/api/v1/no-such-operation", "/no-such-page", "/healthz", "/readyz", "/metrics", "/swagger/index.html",
    };

    [Theory]
    [MemberData(nameof(EveryKindOfAnswer))]
    public async Task Answer_CarriesTheSecurityHeaders(string path)
    {
        using var client = Client(Https);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        AssertSecurityHeaders(response, SecurityHeaders.SitePolicy);
    }

    [Fact]
    public async Task ApiRefusalAndMethodNotAllowed_CarryTheSecurityHeaders()
    {
        using var client = Client(Https);
        using var body = new StringContent("{\"keyPackId\": 5", Encoding.UTF8, "application/json");

        using var unreadable = await client.PostAsync(new Uri("/api/v1/license-servers/BCDFGBCDFGBCDFGBCDFGBCDFGBCDFGBCDFG/key-pack-installations", UriKind.Relative), body);
        using var wrongMethod = await client.DeleteAsync(new Uri("/api/v1/catalog", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        AssertSecurityHeaders(unreadable, SecurityHeaders.SitePolicy);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        AssertSecurityHeaders(wrongMethod, SecurityHeaders.SitePolicy);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/manage-cals")]
    [InlineData("/api/v1/catalog")]
    public async Task PlainHttp_IsRedirectedToHttps(string path)
    {
        using var client = Client(Http);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri(Https, path), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is sent on HTTPS answers only.");
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    public async Task Probes_OverPlainHttp_AreAnswered(string path)
    {
        using var client = Client(Http);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Https_IsPinnedWithHsts()
    {
        using var client = Client(Https);

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Cookies_AreSecure()
    {
        using var client = Client(Https);

        using var form = await client.GetAsync(new Uri("/manage-cals?lang=de", UriKind.Relative));

        var cookies = form.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/swagger")]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task ApiDocumentation_IsNotServed(string path)
    {
        using var client = Client(Https);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pages_DoNotLinkToTheApiDocumentation()
    {
        using var client = Client(Https);

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotContain("href=\"/swagger\"", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthAnswers_SayTheVersion(string path)
    {
        using var client = Client(Https);

        var json = JsonSerializer.Deserialize<JsonElement>(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

        Assert.Equal(ClearinghouseStartup.Version, json.GetProperty("version").GetString());
        Assert.False(string.IsNullOrWhiteSpace(ClearinghouseStartup.Version));
    }

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string policy)
    {
        var context = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}";
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{context} without a Content-Security-Policy.");
        Assert.Equal(policy, Assert.Single(csp));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), context);
    }

    private HttpClient Client(Uri address) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = address });
}

/// <summary>Each production default can be turned off or opened up where a deployment needs it.</summary>
public sealed class ProductionSettingsTests
{
    [Fact]
    public async Task PlainHttpLab_WithRedirectAndSecureCookiesOff_IsServedOverHttp_WithCookiesItCanSendBack()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?>
        {
            ["Https:Redirect"] = "false",
            ["Https:SecureCookies"] = "false",
        }, environment: "Production");
        using var client = HttpClient(portal, "http://lab.test");

        using var response = await client.GetAsync(new Uri("/manage-cals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutRedirect_CookiesAreStillSecure_EvenOverHttp()
    {
        // A load balancer that terminates TLS but does not say so (no X-Forwarded-Proto): the browser still sees HTTPS.
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["Https:Redirect"] = "false" }, environment: "Production");
        using var client = HttpClient(portal, "http://lab.test");

        using var response = await client.GetAsync(new Uri("/manage-cals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Development_NeitherRedirectsNorPins_NorMarksCookiesSecure()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["https_port"] = "443" }, environment: "Development");
        using var http = HttpClient(portal, "http://dev.test");
        using var https = HttpClient(portal, "https://dev.test");

        using var overHttp = await http.GetAsync(new Uri("/manage-cals", UriKind.Relative));
        using var overHttps = await https.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
        Assert.DoesNotContain("; secure", Assert.Single(overHttp.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.False(overHttps.Headers.Contains("Strict-Transport-Security"));
        ProductionDefaultsTests.AssertSecurityHeaders(overHttp, SecurityHeaders.SitePolicy);
    }

    [Fact]
    public async Task Hsts_WithMaxAgeZero_IsNotSent_AndOtherwiseTakesTheConfiguredAge()
    {
        using var off = new HostingFactory(new Dictionary<string, string?> { ["Https:HstsMaxAge"] = "00:00:00" }, environment: "Production");
        using var day = new HostingFactory(new Dictionary<string, string?> { ["Https:HstsMaxAge"] = "1.00:00:00" }, environment: "Production");
        using var offClient = HttpClient(off, "https://lab.test");
        using var dayClient = HttpClient(day, "https://lab.test");

        using var withoutHsts = await offClient.GetAsync(new Uri("/", UriKind.Relative));
        using var withHsts = await dayClient.GetAsync(new Uri("/", UriKind.Relative));

        Assert.False(withoutHsts.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=86400", Assert.Single(withHsts.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task ApiDocumentation_EnabledInProduction_IsServed_WithSwaggerUisOwnPolicy()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["Api:Documentation:Enabled"] = "true" }, environment: "Production");
        using var client = HttpClient(portal, "https://lab.test");

        using var ui = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        using var document = await client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        ProductionDefaultsTests.AssertSecurityHeaders(ui, SecurityHeaders.SwaggerPolicy);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("href=\"/swagger\"", home, StringComparison.Ordinal);
    }

    private static HttpClient HttpClient(HostingFactory portal, string address) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(address) });
}

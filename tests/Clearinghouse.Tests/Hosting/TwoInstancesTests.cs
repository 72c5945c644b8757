using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Data;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// Two portal processes (the built Clearinghouse.Web.dll, as an operator runs it) on two loopback ports and one fresh
/// PostgreSQL database, behind a "load balancer" that sends each request where the test says, with one browser's
/// cookies: they behave as one clearinghouse.
/// </summary>
[Trait("Database", "PostgreSql")]
public sealed class TwoInstancesTests(TwoInstancesTests.TwoPortals portals) : IClassFixture<TwoInstancesTests.TwoPortals>
{
    /// <summary>API requests per license server both instances together allow at once (RateLimits:ApiRequestsBurstPerServer).</summary>
    private const int ServerBurst = 25;

    private const int InstallsPerInstance = 10;

    [Fact]
    public async Task AWizardStartedOnOneInstance_FinishesOnTheOther_AndItsKeyPackInstallsThroughTheFirstsApi()
    {
        using var browser = portals.Browser(out var balancer);
        var serverId = KeyPacks.NewLicenseServerId();

        var keyPackId = await IssueOnTheSiteAsync(browser, balancer, serverId);

        balancer.Target = 0;
        using var installed = await Install(browser, serverId, keyPackId);
        var body = await installed.Content.ReadAsStringAsync();
        Assert.True(installed.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(keyPackId, JsonSerializer.Deserialize<JsonElement>(body).GetProperty("keyPackId").GetString());
    }

    [Fact]
    public async Task InstallsOfOneKeyPack_RacingThroughBothInstances_InstallItOnce()
    {
        using var browser = portals.Browser(out var balancer);
        var serverId = KeyPacks.NewLicenseServerId();
        var keyPackId = await IssueOnTheSiteAsync(browser, balancer, serverId);
        using var first = portals.ApiClient(0);
        using var second = portals.ApiClient(1);

        var answers = await Task.WhenAll(Enumerable.Range(0, InstallsPerInstance * 2).Select(async i =>
        {
            using var response = await Install(i % 2 == 0 ? first : second, serverId, keyPackId);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{(int)a.StatusCode}: {a.Body}"));
        Assert.Single(answers.Select(a => a.Body).Distinct(StringComparer.Ordinal));
        var canonical = IdFormat.KeyPackId.Parse(keyPackId).Value;
        using var db = portals.Database.CreateContext();
        Assert.Equal(1, await db.KeyPackInstallations.CountAsync(i => i.KeyPackId == canonical));
    }

    [Fact]
    public async Task ASignInOnOneInstance_IsHonouredByTheOther()
    {
        using var browser = portals.Browser(out var balancer);

        // The sign-in form comes from the first instance and is posted to the second, which sets the session cookie.
        using var signedIn = await browser.SignInAsync(ConsoleAccounts.Representative, beforeSubmit: () => balancer.Target = 1);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");

        foreach (var instance in (int[])[0, 1])
        {
            balancer.Target = instance;
            using var console = await browser.GetAsync(new Uri("/console", UriKind.Relative));
            Assert.True(console.StatusCode == HttpStatusCode.OK, $"Instance {instance} answered /console with {(int)console.StatusCode}.");
        }
    }

    [Fact]
    public async Task ALicenseServersRateLimit_IsSharedByBothInstances()
    {
        using var browser = portals.Browser(out var balancer);
        var server = await browser.ActivateAsync();

        // Alternating between the instances, each of which alone would allow the whole burst.
        var allowed = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < ServerBurst * 2 && refused is null; i++)
        {
            balancer.Target = i % 2;
            var response = await browser.KeyPacksAsync(server);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                allowed++;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        using (refused)
        {
            Assert.Equal(ServerBurst, allowed);
            Assert.NotNull(refused);
            await Problems.ReadAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyRequests);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
    }

    /// <summary>Manage CALs on the web site, each step on the other instance than the one before; the key pack ID issued.</summary>
    private static async Task<string> IssueOnTheSiteAsync(HttpClient browser, Balancer balancer, string serverId)
    {
        var wizard = new ManageCalsWizard(browser);
        balancer.Target = 0;
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), serverId);

        // Each form below was served by one instance (its antiforgery token too) and is posted to the other.
        balancer.Target = 1;
        var program = await wizard.ContactAsync(contact);
        balancer.Target = 0;
        var review = await wizard.AgreementAsync(program);
        balancer.Target = 1;
        var result = await wizard.AcceptAsync(review.Form());
        Assert.Equal("result", ManageCalsWizard.Step(result));
        return ManageCalsWizard.KeyPackIdOn(result);
    }

    private static Task<HttpResponseMessage> Install(HttpClient client, string serverId, string keyPackId) =>
        client.PostAsJsonAsync($"/api/v1/license-servers/{serverId}/key-pack-installations", new { keyPackId });

    /// <summary>The two processes, started together on one new database; killed, and the database dropped, at the end.</summary>
    public sealed class TwoPortals : IAsyncLifetime
    {
        // About 10 s on an idle machine; a bound for a machine shared with other work, not an expectation.
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

        private readonly TemporaryFolder _folder = new();
        private readonly List<PortalProcess> _processes = [];
        private bool _disposed;

        public PostgreSqlTestDatabase Database { get; } = new();

        public IReadOnlyList<Uri> Addresses { get; private set; } = [];

        public async Task InitializeAsync()
        {
            var certificate = TestCertificates.WritePfx(_folder.Path, "two-instances");
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "PostgreSql",
                ["ConnectionStrings:Clearinghouse"] = Database.ConnectionString,
                ["Database:MigrateOnStartup"] = "true",
                ["DataProtection:Certificate:Path"] = certificate,
                ["DataProtection:Certificate:Password"] = TestCertificates.Password,
                ["Accounts:Seed:0:Email"] = ConsoleAccounts.Representative.Email,
                ["Accounts:Seed:0:Password"] = ConsoleAccounts.Representative.Password,
                ["Accounts:Seed:0:Roles"] = "Representative",
                // Every request comes from 127.0.0.1: only the limit per license server is tried here.
                ["RateLimits:NewRequestsBurst"] = "100000",
                ["RateLimits:ApiRequestsBurstPerClient"] = "100000",
                ["RateLimits:ApiRequestsBurstPerServer"] = ServerBurst.ToString(CultureInfo.InvariantCulture),
                ["RateLimits:ApiRequestsPerMinutePerServer"] = "1",
            };

            // Started together, as a load balancer's instances are: both migrate, seed and read the keys at once.
            try
            {
                _processes.Add(PortalProcess.Start(settings));
                _processes.Add(PortalProcess.Start(settings));
                Addresses = await Task.WhenAll(_processes.Select(p => p.WaitUntilListeningAsync(StartTimeout)));
            }
            catch
            {
                // Not left running when the start fails.
                await DisposeAsync();
                throw;
            }
        }

        /// <summary>One browser (one cookie jar) whose requests go to the instance <paramref name="balancer"/> names.</summary>
        public HttpClient Browser(out Balancer balancer)
        {
            balancer = new Balancer(Addresses);
            return new HttpClient(new CookieJar(balancer)) { BaseAddress = Addresses[0] };
        }

        /// <summary>A client of one instance's API.</summary>
        public HttpClient ApiClient(int instance) => new() { BaseAddress = Addresses[instance] };

        public Task DisposeAsync()
        {
            if (_disposed)
            {
                return Task.CompletedTask;
            }

            _disposed = true;
            foreach (var process in _processes)
            {
                process.Dispose();
            }

            Database.Dispose();
            _folder.Dispose();
            return Task.CompletedTask;
        }
    }

    /// <summary>Sends each request to the instance named by <see cref="Target"/>, whatever address it was made for.</summary>
    public sealed class Balancer(IReadOnlyList<Uri> instances)
        : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        public int Target { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(instances[Target], request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// A browser's cookies for the site behind the load balancer (one host, whichever instance answers). Secure cookies
    /// are sent over plain http too: the balancer stands where TLS would end.
    /// </summary>
    private sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_cookies)
            {
                if (_cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                lock (_cookies)
                {
                    foreach (var pair in values.Select(v => v.Split(';')[0]))
                    {
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                        if (value.Length == 0)
                        {
                            _cookies.Remove(name);
                        }
                        else
                        {
                            _cookies[name] = value;
                        }
                    }
                }
            }

            return response;
        }
    }
}

using System.Globalization;
using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.InstallCals;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Pages.Flows;

/// <summary>Starting new requests is limited per client address; working on a request already started is not.</summary>
public sealed class NewRequestRateLimitTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private const int Limit = 3;

    [Fact]
    public async Task NewRequest_BeyondTheLimit_IsRefusedWith429AndHowLongToWait_AndSavesNothing()
    {
        using var portal = WithLimit(Limit);
        var wizard = new ManageCalsWizard(portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var start = await wizard.OpenAsync();
        for (var i = 0; i < Limit; i++)
        {
            await wizard.RequestAsync(start, KeyPacks.NewLicenseServerId());
        }

        var before = await CountRequestsAsync();
        var refused = await start.Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Select License")
            .SubmitAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        var seconds = int.Parse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60 / Limit);
        var page = await HtmlPage.ReadAsync(wizard.Client, refused);
        var text = page.Document.QuerySelector("main")!.TextContent;
        Assert.Contains($"Wait {seconds} second", text, StringComparison.Ordinal);
        Assert.Contains("Nothing", text, StringComparison.Ordinal);
        Assert.Equal(before, await CountRequestsAsync());
    }

    [Fact]
    public async Task StepsOfARequestAlreadyStarted_AreNotLimited()
    {
        using var portal = WithLimit(1);
        var wizard = new ManageCalsWizard(portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());
        var requestId = ManageCalsWizard.RequestIdOf(contact);

        // The limit is spent; editing step 1 of this request again and again, and every other step, still works.
        for (var i = 0; i < 3; i++)
        {
            var edit = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
            await wizard.RequestAsync(edit, KeyPacks.NewLicenseServerId());
        }

        var review = await wizard.AgreementAsync(await wizard.ContactAsync(contact));
        var result = await wizard.AcceptAsync(review.Form());
        Assert.Equal("result", ManageCalsWizard.Step(result));
    }

    [Fact]
    public async Task NewRequest_FromAnotherAddress_IsNotHeldBackByTheFirstAddressesLimit()
    {
        using var portal = WithLimit(1, clientAddresses: true);
        var first = Client(portal, "192.0.2.10");
        var second = Client(portal, "2001:db8:1:2::10");
        var sameNetwork = Client(portal, "2001:db8:1:2::99");

        Assert.Equal(HttpStatusCode.Found, await StartAsync(first));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StartAsync(first));
        Assert.Equal(HttpStatusCode.Found, await StartAsync(second));
        // Another address of the same IPv6 /64 is the same subscriber.
        Assert.Equal(HttpStatusCode.TooManyRequests, await StartAsync(sameNetwork));
    }

    [Fact]
    public async Task NewRequests_OfEveryFlow_CountAgainstTheOneLimit_AndAddingALicenseCodeFieldDoesNot()
    {
        using var portal = WithLimit(2);
        var manage = new ManageCalsWizard(portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var install = new InstallCalsWizard(portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var installStart = await install.OpenAsync();
        var program = await install.ContactAsync(
            await install.RequestAsync(installStart, KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));

        // The limit is spent by one start in each flow; adding fields on a request already started still works.
        Assert.Equal(HttpStatusCode.Found, await StartAsync(manage));
        await install.FillLicenseCodesAsync(program, "a", "b", "c");
        var refused = await installStart.Form()
            .Fill("License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("License Program", "Select License")
            .SubmitAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, await StartAsync(manage));
    }

    [Theory]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void ClientKey_IsTheIPv4AddressOrTheIPv6Network(string? address, string key) =>
        Assert.Equal(key, NewRequestRateLimit.ClientKey(address is null ? null : IPAddress.Parse(address)));

    private WebApplicationFactory<Program> WithLimit(int perMinute, bool clientAddresses = false) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:NewRequestsPerMinute", perMinute.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimits:NewRequestsBurst", perMinute.ToString(CultureInfo.InvariantCulture));
            if (clientAddresses)
            {
                builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
            }
        });

    private static ManageCalsWizard Client(WebApplicationFactory<Program> portal, string address)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return new ManageCalsWizard(client);
    }

    private static async Task<HttpStatusCode> StartAsync(ManageCalsWizard wizard)
    {
        var response = await (await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Select License")
            .SubmitAsync();
        return response.StatusCode;
    }

    /// <summary>The in-memory test server has no client address; this gives each test client one of its own.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private Task<int> CountRequestsAsync() => factory.WithDbAsync(db => db.CalRequests.CountAsync());
}

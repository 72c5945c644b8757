using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clearinghouse.Tests.Api;

/// <summary>Every API operation is rate limited per client address and per license server: 429 with Retry-After.</summary>
public sealed class ApiRateLimitTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private WebApplicationFactory<Program> Limited(string setting, string value) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting(setting, value);
            builder.UseSetting(setting.Replace("Burst", "PerMinute", StringComparison.Ordinal), "1");
        });

    [Fact]
    public async Task Catalog_PastTheClientsBurst_IsTooManyRequestsWithRetryAfter()
    {
        using var host = Limited("RateLimits:ApiRequestsBurstPerClient", "2");
        using var client = host.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync("/api/v1/catalog");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.GetAsync("/api/v1/catalog");

        await Problems.ReadAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task KeyPacks_PastTheServersBurst_IsTooManyRequests_WhileAnotherServerIsServed()
    {
        using var host = Limited("RateLimits:ApiRequestsBurstPerServer", "2");
        using var client = host.CreateClient();
        var busy = await client.ActivateAsync();
        var other = await client.ActivateAsync();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.KeyPacksAsync(busy);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await client.KeyPacksAsync(busy);
        using var served = await client.KeyPacksAsync(other);

        await Problems.ReadAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Start_WithALimitOfZero_Fails()
    {
        using var host = Limited("RateLimits:ApiRequestsBurstPerServer", "0");

        var exception = Record.Exception(() => host.CreateClient());

        Assert.NotNull(exception);
    }
}

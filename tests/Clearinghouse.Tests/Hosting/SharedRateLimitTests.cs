using System.Globalization;
using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// The rate limits two instances of the portal on one database count together (RateLimits:Shared, on by default on a
/// server database): a client or license server spreading its requests over both gets no more than from one.
/// </summary>
public abstract class SharedRateLimitTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task ServerLimit_SpreadOverTwoInstances_IsTheLimitOfOne()
    {
        using var first = Instance(("RateLimits:ApiRequestsBurstPerServer", "3"), ("RateLimits:ApiRequestsPerMinutePerServer", "1"));
        using var second = Instance(("RateLimits:ApiRequestsBurstPerServer", "3"), ("RateLimits:ApiRequestsPerMinutePerServer", "1"));
        using var client = Infrastructure.LoadBalancer.CreateClient(out var balancer, first, second);
        using var _ = balancer;
        var server = await client.ActivateAsync();
        var other = await client.ActivateAsync();

        // Each instance's own bucket allows 3; together they allow 3.
        foreach (var instance in (int[])[0, 1, 0])
        {
            balancer.Target = instance;
            using var allowed = await client.KeyPacksAsync(server);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        balancer.Target = 1;
        using var refused = await client.KeyPacksAsync(server);
        using var otherServer = await client.KeyPacksAsync(other);

        await Problems.ReadAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyRequests);
        // A window of 3 requests at 1 a minute is 3 minutes long; one more fits within the next one.
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 2 * 180);
        Assert.Equal(HttpStatusCode.OK, otherServer.StatusCode);
    }

    [Fact]
    public async Task NewRequests_SpreadOverTwoInstances_CountAgainstOneLimit()
    {
        using var first = Instance(("RateLimits:NewRequestsBurst", "2"), ("RateLimits:NewRequestsPerMinute", "1"));
        using var second = Instance(("RateLimits:NewRequestsBurst", "2"), ("RateLimits:NewRequestsPerMinute", "1"));
        using var client = Infrastructure.LoadBalancer.CreateClient(out var balancer, first, second);
        using var _ = balancer;
        var wizard = new ManageCalsWizard(client);

        balancer.Target = 0;
        Assert.Equal(HttpStatusCode.Found, await StartAsync(wizard));
        balancer.Target = 1;
        Assert.Equal(HttpStatusCode.Found, await StartAsync(wizard));
        balancer.Target = 0;
        using var refused = await (await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Select License")
            .SubmitAsync();

        var rows = await first.InDbAsync(db => db.RateLimitWindows.Select(w => w.PartitionKey + "|" + w.WindowNumber + "|" + w.RequestCount).ToListAsync());
        Assert.True(refused.StatusCode == HttpStatusCode.TooManyRequests, string.Join("\n", rows));
        var seconds = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), NumberStyles.None, CultureInfo.InvariantCulture);
        var page = await HtmlPage.ReadAsync(client, refused);
        Assert.Contains($"Wait {seconds} second", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Windows_ThatHaveEnded_AreDeleted_AndCurrentOnesKept()
    {
        using var instance = Instance();
        var now = DateTimeOffset.UtcNow;
        var ended = $"api-server:ENDED{Guid.NewGuid():N}";
        var current = $"api-server:CURRENT{Guid.NewGuid():N}";
        await instance.InDbAsync(db =>
        {
            db.RateLimitWindows.AddRange(
                new RateLimitWindow { PartitionKey = ended, WindowNumber = 1, RequestCount = 5, ExpiresAt = now.AddSeconds(-1) },
                new RateLimitWindow { PartitionKey = current, WindowNumber = 1, RequestCount = 5, ExpiresAt = now.AddMinutes(1) });
            return db.SaveChangesAsync();
        });

        await instance.Services.GetRequiredService<SharedRateLimitPurge>().PurgeAsync();

        var left = await instance.InDbAsync(db => db.RateLimitWindows.Where(w => w.PartitionKey == ended || w.PartitionKey == current)
            .Select(w => w.PartitionKey).ToListAsync());
        Assert.Equal([current], left);
    }

    // Another instance on the factory's database, counting in it (SQLite shares only when told to).
    private WebApplicationFactory<Program> Instance(params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:Shared", "true");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static async Task<HttpStatusCode> StartAsync(ManageCalsWizard wizard)
    {
        using var response = await (await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Select License")
            .SubmitAsync();
        return response.StatusCode;
    }
}

public sealed class SharedRateLimitTestsOnSqlite(ClearinghouseFactory factory) : SharedRateLimitTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class SharedRateLimitTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : SharedRateLimitTests<PostgreSqlClearinghouseFactory>(factory);

/// <summary>The sliding-window judgement of one shared limit.</summary>
public sealed class SharedLimitTests
{
    // 10 requests at once, 60 a minute: windows of 10 s.
    private static readonly SharedLimit Limit = new("api-client:192.0.2.1", 10, 60);

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(10, 1, 9_999)]
    [InlineData(10, 5, 5_000)]
    public void Request_WithinTheSlidingWindow_IsAllowed(int previous, int current, long elapsed) =>
        Assert.Null(Limit.Refusal(previous, current, elapsed));

    [Theory]
    // The previous window still weighs 8: one more fits once its weight is 4, at 6 s.
    [InlineData(10, 5, 2_000, 4_000)]
    // This window alone is past the limit: in the next one, once its weight has fallen to 9.
    [InlineData(0, 11, 0, 10_000 + 1_818)]
    // Never less than a second.
    [InlineData(40, 1, 7_600, 1_000)]
    public void Request_PastTheSlidingWindow_IsRefusedUntilOneMoreFits(int previous, int current, long elapsed, int waitMilliseconds) =>
        Assert.Equal(waitMilliseconds, Limit.Refusal(previous, current, elapsed)!.Value.TotalMilliseconds, 0);
}

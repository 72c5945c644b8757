using System.Threading.RateLimiting;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Api;

/// <summary>How many API requests a client address and a license server may make (section "RateLimits").</summary>
public sealed class ApiRateLimitOptions
{
    /// <summary>Sustained requests per minute from one client address (an IPv4 address or an IPv6 /64).</summary>
    public int ApiRequestsPerMinutePerClient { get; set; } = 300;

    /// <summary>How many one client address may send at once before its rate applies.</summary>
    public int ApiRequestsBurstPerClient { get; set; } = 60;

    /// <summary>Sustained requests per minute on one license server's resources, from wherever they come.</summary>
    public int ApiRequestsPerMinutePerServer { get; set; } = 120;

    /// <summary>How many may be made on one server's resources at once before its rate applies.</summary>
    public int ApiRequestsBurstPerServer { get; set; } = 30;
}

/// <summary>
/// Limits every API request with ASP.NET Core's rate limiter, twice: per client address (the same partitions as the
/// site's new-request limit, <see cref="NewRequestRateLimit.ClientKey"/>) and per license server in the route, so
/// neither one noisy client nor one server called from many addresses can crowd out the rest. A refused request is
/// answered 429 <c>too-many-requests</c> with Retry-After before it is read. These buckets are kept per instance, in
/// memory, and refuse first; what they let through is counted for all instances together in the database when the
/// limits are shared (<see cref="SharedRateLimit"/>).
/// </summary>
public static class ApiRateLimit
{
    private const string NotLimited = "not-limited";

    public static IServiceCollection AddApiRateLimit(this IServiceCollection services)
    {
        services.AddOptions<ApiRateLimitOptions>()
            .BindConfiguration(NewRequestLimitOptions.Section)
            .Validate(o => o.ApiRequestsPerMinutePerClient is > 0 and <= 60_000 && o.ApiRequestsBurstPerClient > 0 &&
                    o.ApiRequestsPerMinutePerServer is > 0 and <= 60_000 && o.ApiRequestsBurstPerServer > 0,
                $"{NewRequestLimitOptions.Section}: the API's requests per minute (1 to 60000) and bursts must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>>((options, limits) =>
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerClient(context, limits.Value)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerServer(context, limits.Value))));
        return services;
    }

    /// <summary>
    /// The same two limits, for the count all instances share (<see cref="SharedRateLimit"/>): the client address and
    /// the license server in the address.
    /// </summary>
    internal static IEnumerable<SharedLimit> SharedLimits(HttpContext context, ApiRateLimitOptions limits)
    {
        if (!LicenseServerApi.IsApiRequest(context))
        {
            yield break;
        }

        yield return new SharedLimit($"api-client:{NewRequestRateLimit.ClientKey(context.Connection.RemoteIpAddress)}",
            limits.ApiRequestsBurstPerClient, limits.ApiRequestsPerMinutePerClient);
        if (ServerOf(context) is { } server)
        {
            yield return new SharedLimit($"api-server:{server}", limits.ApiRequestsBurstPerServer, limits.ApiRequestsPerMinutePerServer);
        }
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, ApiRateLimitOptions limits) =>
        !LicenseServerApi.IsApiRequest(context)
            ? RateLimitPartition.GetNoLimiter(NotLimited)
            : Bucket(NewRequestRateLimit.ClientKey(context.Connection.RemoteIpAddress), limits.ApiRequestsPerMinutePerClient,
                limits.ApiRequestsBurstPerClient);

    private static RateLimitPartition<string> PerServer(HttpContext context, ApiRateLimitOptions limits)
    {
        var server = LicenseServerApi.IsApiRequest(context) ? ServerOf(context) : null;
        return server is null
            ? RateLimitPartition.GetNoLimiter(NotLimited)
            : Bucket(server, limits.ApiRequestsPerMinutePerServer, limits.ApiRequestsBurstPerServer);
    }

    private static string? ServerOf(HttpContext context) =>
        IdFormat.LicenseServerId.Parse(context.GetRouteValue(ApiAuthentication.RouteKey) as string).Value;

    private static RateLimitPartition<string> Bucket(string key, int perMinute, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new()
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

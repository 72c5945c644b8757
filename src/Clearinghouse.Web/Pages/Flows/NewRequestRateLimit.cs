using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Clearinghouse.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>How many new requests one client address may start (section "RateLimits").</summary>
public sealed class NewRequestLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>The sustained rate: one more new request every 60 / this seconds.</summary>
    public int NewRequestsPerMinute { get; set; } = 30;

    /// <summary>How many may be started at once before the rate applies (two tabs, a classroom demo).</summary>
    public int NewRequestsBurst { get; set; } = 10;
}

/// <summary>
/// Limits the POST that starts a request of any flow (POST /manage-cals, /install-cals…), per client address, with
/// ASP.NET Core's rate limiter: each start writes a row, so one client could otherwise fill the database. Everything
/// else — showing a page, editing a request already started (/manage-cals/{id}/request), and a representative signed in to
/// the console starting a call — is not limited. Every
/// flow page carries the policy (see <see cref="FlowPageModel"/>); only posts without a request id in the route count.
/// </summary>
/// <remarks>
/// A refused post is answered 429 with Retry-After before the page runs, so nothing is saved; the site's status pages
/// then say how long to wait. The token bucket is kept per instance, in memory, and refuses first; when the limits are
/// shared (<see cref="SharedRateLimit"/>) what it lets through is counted for all instances together in the database.
/// The client address is the one the portal sees (forwarded headers must be trusted for it to be the client's rather
/// than the proxy's).
/// </remarks>
public static class NewRequestRateLimit
{
    public const string Policy = "new-cal-requests";

    // A key no address is written as: the partition of everything that is not limited.
    private const string NotLimited = "not-limited";

    public static IServiceCollection AddNewRequestRateLimit(this IServiceCollection services)
    {
        services.AddOptions<NewRequestLimitOptions>()
            .BindConfiguration(NewRequestLimitOptions.Section)
            .Validate(o => o.NewRequestsPerMinute is > 0 and <= 60_000 && o.NewRequestsBurst > 0,
                $"{NewRequestLimitOptions.Section}:{nameof(NewRequestLimitOptions.NewRequestsPerMinute)} (1 to 60000) and " +
                $"{nameof(NewRequestLimitOptions.NewRequestsBurst)} must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<NewRequestLimitOptions>>((options, limits) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                    context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    // A limiter that cannot tell (a chained one): a client that waits a second tries again soon enough.
                    context.HttpContext.Response.Headers.RetryAfter = "1";
                }

                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Policy, context => Partition(context, limits.Value));
        });
        return services;
    }

    /// <summary>
    /// The same limit, for the count all instances share (<see cref="SharedRateLimit"/>): a post that starts a request,
    /// on a page that carries the policy.
    /// </summary>
    internal static IEnumerable<SharedLimit> SharedLimits(HttpContext context, NewRequestLimitOptions limits)
    {
        if (StartsARequest(context) &&
            context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Policy)
        {
            yield return new SharedLimit($"new-requests:{ClientKey(context.Connection.RemoteIpAddress)}",
                limits.NewRequestsBurst, limits.NewRequestsPerMinute);
        }
    }

    // A representative taking calls starts a request per call, all from one office address: a signed-in console account
    // is accountable, so it is not limited.
    private static bool StartsARequest(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && !context.Request.RouteValues.ContainsKey("id")
        && context.User.Identity?.IsAuthenticated != true;

    private static RateLimitPartition<string> Partition(HttpContext context, NewRequestLimitOptions limits)
    {
        if (!StartsARequest(context))
        {
            return RateLimitPartition.GetNoLimiter(NotLimited);
        }

        return RateLimitPartition.GetTokenBucketLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new()
        {
            TokenLimit = limits.NewRequestsBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.NewRequestsPerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>
    /// The partition of a client: its IPv4 address, or the /64 network of an IPv6 address (one subscriber commonly
    /// holds a whole /64, so single IPv6 addresses would not limit anyone).
    /// </summary>
    /// <remarks>
    /// With no address at all (an in-process test server, a Unix socket behind a proxy) clients cannot be told apart,
    /// so they share one partition: still limited, as all clients behind one proxy address are.
    /// </remarks>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var network = address.GetAddressBytes();
        Array.Clear(network, 8, 8);
        return $"{new IPAddress(network)}/64";
    }
}

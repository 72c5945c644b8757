using System.Net;

namespace Clearinghouse.LicenseServer.Api;

/// <summary>
/// How hard the simulator tries before it reports the clearinghouse unreachable (exit 3): at most
/// <see cref="MaxAttempts"/> attempts, each limited to <see cref="AttemptTimeout"/>, all within <see cref="Budget"/>,
/// waiting between them as the server's Retry-After says or else with exponential back-off and jitter.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan AttemptTimeout, TimeSpan Budget, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } =
        new(4, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8));

    /// <summary>
    /// Answers worth retrying: they say "not now", not "no". 409 only for idempotency-key-in-flight (the first try
    /// with this key is still running), decided by the caller, which reads the body.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1 for the first retry): BaseDelay doubled each time, capped
    /// at MaxDelay, of which a random half is kept ("equal jitter") so simulators retrying together spread out.
    /// </summary>
    public TimeSpan Backoff(int retry, double random)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * Math.Clamp(random, 0, 1)));
    }

    /// <summary>What a Retry-After header asks for (seconds or an HTTP date), never less than zero; null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

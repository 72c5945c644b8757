using System.Globalization;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Clearinghouse.Web.Lab;

/// <summary>
/// Makes the license-server API misbehave as a lab administrator set it (<see cref="FaultSettings"/>), so that
/// license-server tooling can be tested against it: every call under /api/v1 waits the delay, then is answered 503
/// <c>service-unavailable</c> with Retry-After during an outage window (the seconds left, at most an hour) or, at the
/// error rate, at random (Retry-After: 1). The lab's own API (/api/v1/lab) is never affected, so a script can always
/// switch the faults off again; nor are the pages.
/// </summary>
public sealed class FaultInjection(RequestDelegate next, LabState lab, TimeProvider clock, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = lab.Current;
        if (!LicenseServerApi.IsApiRequest(context) || context.Request.Path.StartsWithSegments(LabEndpoints.Prefix) ||
            (settings.FaultDelayMilliseconds == 0 && settings.FaultErrorRate == 0 && settings.OutageFrom is null))
        {
            await next(context);
            return;
        }

        if (settings.FaultDelayMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(settings.FaultDelayMilliseconds), clock, context.RequestAborted);
        }

        var now = clock.GetUtcNow();
        if (settings.IsOutage(now))
        {
            var left = (int)Math.Ceiling((settings.OutageTo!.Value - now).TotalSeconds);
            await UnavailableAsync(context, Math.Clamp(left, 1, 3600),
                "The clearinghouse is in an outage window set by lab administration. Retry after the number of seconds in Retry-After.");
            return;
        }

        if (settings.FaultErrorRate > 0 && Random.Shared.NextDouble() < settings.FaultErrorRate)
        {
            await UnavailableAsync(context, 1,
                "The clearinghouse failed this call on purpose (lab administration's error rate). Retry after the number of seconds in Retry-After.");
            return;
        }

        await next(context);
    }

    private async Task UnavailableAsync(HttpContext context, int retryAfterSeconds, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The clearinghouse is unavailable.",
                Detail = detail,
                Extensions = { [ApiProblems.CodeKey] = ErrorCodes.ServiceUnavailable, ["injected"] = true },
            },
        });
    }
}

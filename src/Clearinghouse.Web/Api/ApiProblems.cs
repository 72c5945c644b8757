using FluentValidation.Results;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clearinghouse.Web.Api;

/// <summary>
/// RFC 9457 problem details for the license-server API. Every refusal carries a stable, machine-readable
/// <c>code</c>; tools branch on it, people read <c>detail</c>.
/// </summary>
public static class ApiProblems
{
    public const string CodeKey = "code";

    public static ProblemHttpResult Problem(int status, string code, string title, string detail,
        IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { [CodeKey] = code };
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: all);
    }

    /// <summary>410: the server was deactivated, so its ID is no longer accepted.</summary>
    public static ProblemHttpResult ServerDeactivated(string serverId) => Problem(
        StatusCodes.Status410Gone,
        ErrorCodes.LicenseServerDeactivated,
        "The license server was deactivated.",
        $"License server {IdFormat.LicenseServerId.Format(serverId)} was deactivated, so its License Server ID is no " +
        "longer accepted. Activate the license server again to get a new License Server ID.");

    /// <summary>410: the server was reactivated; the new ID is not named (whoever asks may not be who reactivated it).</summary>
    public static ProblemHttpResult ServerReactivated(string serverId) => Problem(
        StatusCodes.Status410Gone,
        ErrorCodes.LicenseServerReactivated,
        "The license server was reactivated.",
        $"License Server ID {IdFormat.LicenseServerId.Format(serverId)} was replaced when the license server was " +
        "reactivated, so it is no longer accepted. Use the License Server ID and credential the reactivation gave.");

    /// <summary>
    /// A rule of the clearinghouse refused the request (the same rules as the site's): 410 for a server whose ID is
    /// retired, 409 for the rest (the request conflicts with what the clearinghouse holds); every refusal by field.
    /// </summary>
    public static ProblemHttpResult Refused(IReadOnlyList<RuleRefusal> refusals)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        var first = refusals[0];
        var status = first.Code is ErrorCodes.LicenseServerReactivated or ErrorCodes.LicenseServerDeactivated
            ? StatusCodes.Status410Gone
            : StatusCodes.Status409Conflict;
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = refusals.GroupBy(r => ApiFieldOf(r.Field))
                .ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()),
            ["field"] = ApiFieldOf(first.Field),
        };
        if (first.Position is { } position)
        {
            extensions["position"] = position;
        }

        return Problem(status, first.Code, "The clearinghouse's rules refuse the request.", first.Message, extensions);
    }

    // The CalRequest property a rule names, as the API's request calls it.
    private static string ApiFieldOf(string field) => field switch
    {
        nameof(Data.CalRequest.TargetLicenseServerId) => "licenseServerId",
        nameof(Data.CalRequest.RetailLicenseCodes) => "licenseCodes",
        nameof(Data.CalRequest.OpenLicenseNumber) => "licenseNumber",
        nameof(Data.CalRequest.AgreementNumber) => "agreementNumber",
        nameof(Data.CalRequest.ProductVersionCode) => "productVersion",
        nameof(Data.CalRequest.Quantity) => "quantity",
        _ => JsonName(field),
    };

    /// <summary>A 400 for input that failed validation: the first failure's code, every failure by field.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<ValidationFailure> failures)
    {
        var first = failures[0];
        var extensions = new Dictionary<string, object?>
        {
            ["errors"] = failures
                .GroupBy(f => JsonName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray()),
        };
        if (first.CustomState is IdError { Group: { } group } idError)
        {
            extensions["group"] = group;
            if (idError.Position is { } position)
            {
                extensions["position"] = position;
            }
        }

        extensions["field"] = JsonName(first.PropertyName);
        return Problem(StatusCodes.Status400BadRequest, string.IsNullOrEmpty(first.ErrorCode) ? ErrorCodes.InvalidRequest : first.ErrorCode,
            "The request is not valid.", first.ErrorMessage, extensions);
    }

    /// <summary>
    /// Gives the problems the framework writes itself (unreadable JSON, unknown route, unhandled exception) a
    /// stable code too, and never lets exception text out. Every problem the portal answers passes here once, so
    /// this is where a refusal (a 4xx) is counted (<see cref="ClearinghouseMetrics"/>).
    /// </summary>
    public static void AddStableCode(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AddCode(context);
        if (context.ProblemDetails is { Status: >= 400 and < 500 } refusal &&
            refusal.Extensions.TryGetValue(CodeKey, out var code) && code is string stableCode)
        {
            context.HttpContext.RequestServices.GetService<ClearinghouseMetrics>()?.Refused(stableCode,
                LicenseServerApi.IsApiRequest(context.HttpContext) ? RefusalFront.Api : RefusalFront.Site);
        }
    }

    private static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        if (problem.Extensions.ContainsKey(CodeKey))
        {
            return;
        }

        problem.Extensions[CodeKey] = problem.Status switch
        {
            StatusCodes.Status400BadRequest => ErrorCodes.InvalidRequest,
            StatusCodes.Status404NotFound => ErrorCodes.NotFound,
            StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
            StatusCodes.Status413PayloadTooLarge => ErrorCodes.RequestTooLarge,
            StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
            StatusCodes.Status429TooManyRequests => ErrorCodes.TooManyRequests,
            StatusCodes.Status503ServiceUnavailable => ErrorCodes.ServiceUnavailable,
            _ when problem.Status >= 500 => ErrorCodes.InternalError,
            _ => ErrorCodes.Error,
        };
        if (problem.Status >= 500)
        {
            problem.Detail = "The clearinghouse could not complete the request. Try again; if it keeps failing, quote the traceId.";
        }
        else
        {
            problem.Detail ??= problem.Status switch
            {
                StatusCodes.Status400BadRequest => "The request could not be read. Send a JSON body as documented at /swagger.",
                StatusCodes.Status404NotFound => "There is no API operation at this address; /swagger lists them.",
                StatusCodes.Status405MethodNotAllowed => "This operation does not accept that HTTP method; /swagger lists them.",
                StatusCodes.Status413PayloadTooLarge => "The request body is larger than this operation accepts.",
                StatusCodes.Status429TooManyRequests => "Too many requests from this client or for this license server. " +
                    "Retry after the number of seconds in Retry-After.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with Content-Type: application/json, as documented at /swagger.",
                _ => null,
            };
        }
    }

    // "Body.KeyPackId" → "keyPackId"; route values keep their names.
    private static string JsonName(string propertyPath)
    {
        var last = propertyPath[(propertyPath.LastIndexOf('.') + 1)..];
        return last.Length == 0 ? last : char.ToLowerInvariant(last[0]) + last[1..];
    }
}

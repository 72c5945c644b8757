using FluentValidation.Results;
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
    /// stable code too, and never lets exception text out.
    /// </summary>
    public static void AddStableCode(ProblemDetailsContext context)
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

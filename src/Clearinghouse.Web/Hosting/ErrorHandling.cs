using System.Globalization;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Hosting;

public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>
    /// Show exception details (type, message, stack trace, source paths) to browsers and API clients: the developer
    /// exception page instead of the error page and plain problem details. Off in every environment unless set; a
    /// developer turns it on for a debugging session, never on a server others can reach.
    /// </summary>
    public bool DetailedErrors { get; set; }
}

/// <summary>
/// How failures are answered. The API answers problem details, pages the error page; neither ever shows exception
/// text unless <see cref="DiagnosticsOptions.DetailedErrors"/> is on. Expected failures — a request that cannot be
/// read, a busy or unreachable database, migrations not applied — are answered with their own status (400, 503 with
/// Retry-After) and logged as one line; anything else is a 500, logged as an error with its stack trace.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddClearinghouseErrorHandling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiagnosticsOptions>().Bind(configuration.GetSection(DiagnosticsOptions.Section)).ValidateOnStart();
        services.AddExceptionHandler<ExpectedFaultHandler>();
        services.AddSingleton<IDeveloperPageExceptionFilter, NoDetailsUnlessAsked>();

        // A body the API cannot read throws in every environment (by default only in Development), so that it reaches
        // ExpectedFaultHandler: answered alike everywhere, and logged as one line at Information.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseClearinghouseErrorHandling(this WebApplication app)
    {
        var detailed = app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.DetailedErrors;

        app.UseWhen(LicenseServerApi.IsApiRequest, api =>
        {
            if (detailed)
            {
                api.UseDeveloperExceptionPage();
            }
            else
            {
                api.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    StatusCodeSelector = RequestFault.StatusCodeOf,
                    SuppressDiagnosticsCallback = IsExpected,
                });
            }

            // Refusals the framework makes without an exception (415 and 405 from routing, an unknown address): problem
            // details, and one line in the log like the rest.
            api.UseStatusCodePages(StatusCodeProblemAsync);
        });
        app.UseWhen(context => !LicenseServerApi.IsApiRequest(context), site =>
        {
            if (detailed)
            {
                site.UseDeveloperExceptionPage();
            }
            else
            {
                // The error page reads the status and the exception, and says what happened and what to do.
                site.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    ExceptionHandlingPath = "/Error",
                    StatusCodeSelector = RequestFault.StatusCodeOf,
                    SuppressDiagnosticsCallback = IsExpected,
                });
            }

            site.UseStatusCodePagesWithReExecute("/Error");
            site.Use(RefuseUnreadableFormsAsync);
        });
        return app;
    }

    /// <summary>
    /// Reads a posted form before any page does, so that one that cannot be read (too many fields, a value over the
    /// limit, a body cut short) is refused as such: 400 and "could not be read", logged as one line. Left to the
    /// antiforgery check, it would be a 400 that cannot be told from a missing token.
    /// </summary>
    private static async Task RefuseUnreadableFormsAsync(HttpContext context, RequestDelegate next)
    {
        // Not again when the error page is executed for the failure this raised.
        if (context.Request.HasFormContentType && context.Features.Get<IExceptionHandlerFeature>() is null &&
            context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException exception)
            {
                throw new BadHttpRequestException("The form could not be read.", exception);
            }
        }

        await next(context);
    }

    private static async Task StatusCodeProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExpectedFaultHandler))
            .LogRefused(http.Response.StatusCode, http.Request.Method, http.Request.Path.Value);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = http.Response.StatusCode },
        });
    }

    // Expected faults were logged as one line by ExpectedFaultHandler; the middleware's own entry (an error with the
    // stack trace) is for the rest.
    private static bool IsExpected(ExceptionHandlerSuppressDiagnosticsContext context) =>
        context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || RequestFault.Of(context.Exception) is not null;
}

/// <summary>
/// Logs an expected fault as one line and sets Retry-After; for the API also writes the problem details. For pages it
/// leaves the answer to the error page (the exception handler's path), which describes the fault.
/// </summary>
internal sealed partial class ExpectedFaultHandler(IProblemDetailsService problems, ILogger<ExpectedFaultHandler> logger) : IExceptionHandler
{
    private const int MaxReasonLength = 300;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (RequestFault.Of(exception) is not { } fault)
        {
            return false;
        }

        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        LogFault(logger, fault.LogLevel, fault.Kind, fault.StatusCode, httpContext.Request.Method, path, Reason(exception, fault));
        if (fault.RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (!new PathString(path).StartsWithSegments(LicenseServerApi.Prefix))
        {
            return false;
        }

        httpContext.Response.StatusCode = fault.StatusCode;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = fault.StatusCode, Title = fault.Title, Detail = fault.Detail },
        };
        if (fault.Code is not null)
        {
            context.ProblemDetails.Extensions[ApiProblems.CodeKey] = fault.Code;
        }

        if (fault.Kind == RequestFaultKind.UnreadableRequest && UnreadableField(exception) is { } field)
        {
            context.ProblemDetails.Detail =
                $"The value of {field} could not be read: send it as the JSON type /swagger documents for it (a string, a " +
                "number or an object), as valid JSON text.";
            context.ProblemDetails.Extensions["field"] = field;
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [context.ProblemDetails.Detail] };
        }

        return await problems.TryWriteAsync(context);
    }

    /// <summary>
    /// The field of a JSON body that could not be read (a wrong type, a number out of range, text that is not valid
    /// UTF-16), named as the API's other refusals name it: its own name ("quantity", "city"), without the objects it is
    /// in or an array index. Null when the body as a whole could not be read.
    /// </summary>
    private static string? UnreadableField(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal))
            {
                var last = path[(path.LastIndexOf('.') + 1)..];
                var index = last.IndexOf('[', StringComparison.Ordinal);
                var name = index >= 0 ? last[..index] : last;
                return name.Length == 0 || name.Any(c => !char.IsAsciiLetterOrDigit(c)) ? null : name;
            }
        }

        return null;
    }

    // The provider's message for a database fault; for a bad request what could not be read (the JSON reader names
    // the position, not more than a character or two of the body). One line, bounded.
    private static string Reason(Exception exception, RequestFault fault)
    {
        var reason = fault.Kind == RequestFaultKind.UnreadableRequest
            ? exception.InnerException is { } inner && inner.GetBaseException() is var root && root != exception
                ? $"{exception.Message} {root.Message}"
                : exception.Message
            : DatabaseErrors.Describe(exception);
        reason = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength), "…");
    }

    [LoggerMessage(Message = "{Kind}: answered {StatusCode} to {Method} {Path}: {Reason}")]
    private static partial void LogFault(
        ILogger logger, LogLevel level, RequestFaultKind kind, int statusCode, string method, string? path, string reason);
}

internal static partial class RefusalLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused: answered {StatusCode} to {Method} {Path}")]
    public static partial void LogRefused(this ILogger logger, int statusCode, string method, string? path);
}

/// <summary>
/// In Development the framework puts the developer exception page in front of everything; an exception that gets
/// that far (the error page itself failed) shows no details unless they were asked for.
/// </summary>
internal sealed class NoDetailsUnlessAsked(IOptions<DiagnosticsOptions> options) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        if (options.Value.DetailedErrors)
        {
            await next(errorContext);
            return;
        }

        var response = errorContext.HttpContext.Response;
        response.StatusCode = StatusCodes.Status500InternalServerError;
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("The clearinghouse could not complete the request. Try again in a moment.");
    }
}

using System.Diagnostics;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages;

/// <summary>
/// The one page for "not found", "could not be read", "busy", "not set up" and "something went wrong". It is shown
/// with the status the failure was answered with, says what happened and what to do (in the request's language), and
/// never shows exception details.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
[WorksWithoutDatabase]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    /// <summary>What the clearinghouse's operator must do, when it is theirs to fix.</summary>
    public string? ForTheOperator { get; private set; }

    public string? RequestId { get; private set; }

    /// <summary>The flow whose address failed, if any: the page offers to start a new request of it.</summary>
    public Flow? Flow { get; private set; }

    // The status is the response's own (set by the exception handler or the status code page), not a query value: a
    // form that could not be read cannot be read for a parameter either.
    public void OnGet() => Describe();

    // A failed POST is re-executed here as a POST; answer it the same way.
    public void OnPost() => Describe();

    private void Describe()
    {
        var status = Response.StatusCode;
        var failedPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        Flow = failedPath is null ? null : FlowRegistry.AtAddress(failedPath);
        Title = Texts.Get("Error.Failed.Title");
        Explanation = Texts.Get("Error.Failed.Text");
        var fault = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error ? RequestFault.Of(error) : null;
        switch (fault?.Kind)
        {
            case RequestFaultKind.DatabaseBusy:
                Title = Texts.Get("Error.Busy.Title");
                Explanation = Texts.Get("Error.Busy.Text");
                return;
            case RequestFaultKind.DatabaseUnavailable:
                Title = Texts.Get("Error.Unavailable.Title");
                Explanation = Texts.Get("Error.Unavailable.Text");
                return;
            case RequestFaultKind.DatabaseNotMigrated:
                Title = Texts.Get("Error.NotMigrated.Title");
                Explanation = Texts.Get("Error.NotMigrated.Text");
                ForTheOperator = Texts.Get("Error.NotMigrated.Operator",
                    $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}=true");
                return;
            case RequestFaultKind.UnreadableRequest:
                DescribeUnreadable();
                return;
        }

        if (status == StatusCodes.Status404NotFound)
        {
            Title = Texts.Get("Error.NotFound.Title");
            Explanation = Texts.Get("Error.NotFound.Text");
            return;
        }

        if (status == StatusCodes.Status403Forbidden)
        {
            Title = Texts.Get("Error.Forbidden.Title");
            Explanation = Texts.Get("Error.Forbidden.Text");
            return;
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            // The rate limiter refused the request before any page ran, and said when to come back.
            var seconds = int.TryParse(Response.Headers.RetryAfter, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 60;
            Title = Texts.Get("Error.TooManyRequests.Title");
            Explanation = Texts.Get(seconds == 1 ? "Error.TooManyRequests.Text.One" : "Error.TooManyRequests.Text", seconds);
            return;
        }

        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            DescribeUnreadable();
            return;
        }

        if (status is >= 400 and < 500)
        {
            Title = Texts.Get("Error.ClientError.Title");
            Explanation = Texts.Get("Error.ClientError.Text");
            return;
        }

        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }

    private void DescribeUnreadable()
    {
        Title = Texts.Get("Error.Unreadable.Title");
        Explanation = Texts.Get("Error.Unreadable.Text");
    }
}

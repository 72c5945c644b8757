using System.Diagnostics;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages;

/// <summary>
/// The one page for "not found", "could not be read", "busy", "not set up" and "something went wrong". It is shown
/// with the status the failure was answered with, says what happened and what to do, and never shows exception details.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
[WorksWithoutDatabase]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, something went wrong";

    public string Explanation { get; private set; } =
        "The clearinghouse could not complete that. Nothing you entered before this page was lost; try again in a moment.";

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
        var fault = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error ? RequestFault.Of(error) : null;
        switch (fault?.Kind)
        {
            case RequestFaultKind.DatabaseBusy:
                Title = "The clearinghouse is busy";
                Explanation = "It could not take your request in time, so nothing was saved, and nothing you entered was " +
                              "lost: go back and send the page again in a few seconds.";
                return;
            case RequestFaultKind.DatabaseUnavailable:
                Title = "The clearinghouse cannot reach its database";
                Explanation = "Nothing was saved, and nothing you entered was lost: go back and try again in a minute. " +
                              "If it keeps happening, tell the clearinghouse's administrator.";
                return;
            case RequestFaultKind.DatabaseNotMigrated:
                Title = "The clearinghouse is not set up yet";
                Explanation = "Its database has not been prepared for this version of the clearinghouse, so it cannot " +
                              "take requests yet. Try again later.";
                ForTheOperator = "The database's migrations are not applied. Start the portal once with " +
                                 $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}=true, or run the " +
                                 "idempotent migration script (see the README). The site opens within seconds of that, " +
                                 "without a restart.";
                return;
            case RequestFaultKind.UnreadableRequest:
                DescribeUnreadable();
                return;
        }

        if (status == StatusCodes.Status404NotFound)
        {
            Title = "Page not found";
            Explanation = "There is nothing at this address. If you typed or pasted it, check it; a request can only " +
                          "be continued from the address it was started at.";
            return;
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            // The rate limiter refused the request before any page ran, and said when to come back.
            var seconds = int.TryParse(Response.Headers.RetryAfter, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 60;
            Title = "Too many requests";
            Explanation = $"Too many requests came from your network address in a short time. Wait {seconds} " +
                          $"second{(seconds == 1 ? "" : "s")}, then try again. Nothing from the page you sent was saved.";
            return;
        }

        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            DescribeUnreadable();
            return;
        }

        if (status is >= 400 and < 500)
        {
            Title = "That request could not be handled";
            Explanation = "The page could not handle what was sent. Go back, reload the page and try again.";
            return;
        }

        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }

    private void DescribeUnreadable()
    {
        Title = "The request could not be read";
        Explanation = "What your browser sent could not be read: it was too large, or had too many fields or " +
                      "characters a form cannot carry. Nothing was saved. Go back, reload the page and try again.";
    }
}

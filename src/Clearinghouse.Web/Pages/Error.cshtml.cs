using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages;

/// <summary>The one page for "not found" and "something went wrong"; it never shows exception details.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, something went wrong";

    public string Explanation { get; private set; } =
        "The clearinghouse could not complete that. Nothing you entered before this page was lost; try again in a moment.";

    public string? RequestId { get; private set; }

    public void OnGet(int? status) => Describe(status);

    // A failed POST is re-executed here as a POST; answer it the same way.
    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            Title = "Page not found";
            Explanation = "There is nothing at this address. If you typed or pasted it, check it; a Manage CALs " +
                          "request can only be continued from the address it was started at.";
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

        if (status is >= 400 and < 500)
        {
            Title = "That request could not be handled";
            Explanation = "The page could not handle what was sent. Go back, reload the page and try again.";
            return;
        }

        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}

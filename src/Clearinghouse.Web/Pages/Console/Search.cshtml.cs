using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Console;

/// <summary>
/// Finding an earlier request from one line: a GET form, so a search is a link that can be bookmarked, shared and
/// refreshed. The search itself is <see cref="RequestSearch"/>'s.
/// </summary>
public sealed class SearchModel(RequestSearch search) : PageModel
{
    /// <summary>The fewest characters (not counting spaces and hyphens) searched for.</summary>
    public const int MinQueryCharacters = 2;

    /// <summary>The most requests listed; more say "refine".</summary>
    public const int Limit = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>Null until something was searched for.</summary>
    public RequestSearchResults? Results { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (Q is null)
        {
            return;
        }

        if (ReadBack.Normalize(Q).Length < MinQueryCharacters)
        {
            Errors = [new FieldError(nameof(Q), Texts.Get("Console.Search.TooShort", MinQueryCharacters), "#q")];
            ModelState.AddModelError("q", Errors[0].Message);
            return;
        }

        Results = await search.SearchAsync(Q, Limit, HttpContext.RequestAborted);
    }
}

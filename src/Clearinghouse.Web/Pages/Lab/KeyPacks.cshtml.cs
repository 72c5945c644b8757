using System.Text;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>Issued key packs and their installations, filtered (a GET form, so a view can be bookmarked), paged, and as CSV.</summary>
public sealed class KeyPacksModel(IssuedListing listing) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public IssuedFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IssuedPage? Result { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Check() is { } filter)
        {
            Result = await listing.PageAsync(filter, PageNumber, HttpContext.RequestAborted);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (Check() is not { } filter)
        {
            return Page();
        }

        var csv = Csv.Of(await listing.AllAsync(filter, HttpContext.RequestAborted));
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "key-packs.csv");
    }

    /// <summary>The page's address with the filters and another page number.</summary>
    public string Link(int? page, string? handler = null)
    {
        var values = Filter.ToRouteValues();
        values[nameof(PageNumber)] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values["handler"] = handler;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/lab/key-packs", values.Where(v => v.Value is not null));
    }

    private ParsedFilter? Check()
    {
        var (filter, errors) = Filter.Parse();
        Errors = [.. errors.Select(e => new FieldError($"{nameof(Filter)}.{e.Field}", e.Message))];
        foreach (var error in Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        return filter;
    }
}

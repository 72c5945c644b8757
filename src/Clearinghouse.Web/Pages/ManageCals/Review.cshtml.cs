using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.ManageCals;

public sealed class ReviewModel(ClearinghouseDbContext db, TimeProvider clock, KeyPackIssuer issuer)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Review;

    public IReadOnlyList<SummarySection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        Sections = RequestSummary.Of(Draft!);
        return Page();
    }

    /// <summary>
    /// Issues the key pack. A second submission (double click, refresh, back button) finds the request already
    /// submitted — or loses the race at the database's unique index — and lands on the same result.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        await issuer.IssueAsync(id, HttpContext.RequestAborted);
        return RedirectToPage("/ManageCals/Result", new { id });
    }
}

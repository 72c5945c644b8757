using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.ManageCals;

public sealed class ReviewModel(ClearinghouseDbContext db, TimeProvider clock, KeyPackIssuer issuer)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Review;

    public IReadOnlyList<SummarySection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
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
    /// submitted — or loses the race in the database — and lands on the same result.
    /// </summary>
    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        // Null when another tab made the request incomplete meanwhile: the review page sends the person to that step.
        return await issuer.TryIssueAsync(id, HttpContext.RequestAborted) is null
            ? RedirectToPage("/ManageCals/Review", new { id })
            : RedirectToPage("/ManageCals/Result", new { id });
    }
}

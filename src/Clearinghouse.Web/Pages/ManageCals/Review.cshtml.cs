using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.ManageCals;

public sealed class ReviewModel(ClearinghouseDbContext db, TimeProvider clock, KeyPackIssuer issuer)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Review;

    public IReadOnlyList<SummarySection> Sections { get; private set; } = [];

    /// <summary>The last submit was refused because the request changed in another tab after this page was shown.</summary>
    public bool ChangedElsewhere { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromQuery] bool changed = false)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        ChangedElsewhere = changed;
        Sections = RequestSummary.Of(Draft!);
        return Page();
    }

    /// <summary>
    /// Issues the key pack. A second submission (double click, refresh, back button) finds the request already
    /// submitted — or loses the race in the database — and lands on the same result.
    /// </summary>
    /// <param name="version">The request's version this page showed; what is issued is what the person read.</param>
    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] int? version)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        var outcome = await issuer.TryIssueAsync(id, version, HttpContext.RequestAborted);
        return outcome.Status switch
        {
            IssueStatus.Issued => RedirectToPage("/ManageCals/Result", new { id }),

            // Another tab changed the request after this page was shown: show it again, saying so (or, when the change
            // left it incomplete, the review page sends the person to the step that needs them).
            IssueStatus.NotIssuable => RedirectToPage("/ManageCals/Review", new { id, changed = "true" }),
            IssueStatus.Refused => Refused(outcome.Refusals),
        };
    }

    /// <summary>A rule refuses the request as it stands (e.g. the target server was reactivated): say why, here.</summary>
    private PageResult Refused(IReadOnlyList<RuleRefusal> refusals)
    {
        AddErrors(new ValidationResult(refusals.Select(r => new ValidationFailure(r.Field, r.Message))));
        Sections = RequestSummary.Of(Draft!);
        return Page();
    }
}

using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The review step of any flow: the request read back from the flow's summary, each section with a link to the step
/// that changes it, and Submit, which does what the flow declares (issues its key pack, its License Server ID…).
/// </summary>
public sealed class ReviewStepModel(ClearinghouseDbContext db, TimeProvider clock) : FlowPageModel(db, clock)
{
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
        Sections = Flow.Summary(Draft!);
        return Page();
    }

    /// <summary>
    /// Submits the request. A second submission (double click, refresh, back button) finds the request already
    /// submitted — or loses the race in the database — and lands on the same result.
    /// </summary>
    /// <param name="version">The request's version this page showed; what is issued is what the person read.</param>
    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] int? version)
    {
        // Tracked: the submission decides on the request as read here, and saves it (submitted) with what it issues.
        if (await LoadAsync(id, toChange: true) is { } elsewhere)
        {
            return elsewhere;
        }

        var outcome = await Flow.Submit(HttpContext.RequestServices, Draft!, version, HttpContext.RequestAborted);
        return outcome.Status switch
        {
            IssueStatus.Issued => Redirect(Address(Flow.ResultPath(id))),

            // Another tab changed the request after this page was shown: show it again, saying so (or, when the change
            // left it incomplete, the review page sends the person to the step that needs them).
            IssueStatus.NotIssuable => RedirectToStep(Flow.Review, id, "?changed=true"),
            IssueStatus.Refused => Refused(outcome.Refusals),
        };
    }

    /// <summary>
    /// A rule refuses the request as it stands (the target server was reactivated, a license code is already
    /// installed, a purchase holds fewer CALs): say why here, each message linking to the step that changes it. The
    /// steps check the same rules with the same messages; what is refused here is what changed since (another request
    /// used the code or the CALs first, the server was reactivated).
    /// </summary>
    private PageResult Refused(IReadOnlyList<RuleRefusal> refusals)
    {
        ShowRefusals(refusals, _ => null);
        Sections = Flow.Summary(Draft!);
        return Page();
    }
}

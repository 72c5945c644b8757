using System.Security.Claims;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using FluentValidation.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// What every step of every flow shares. Which flow and step a page is comes from the flow's declaration (the page's
/// path is in it); then the request is loaded from the database by the id in the route, and only when it belongs to
/// this flow (its kind and channel) — an id of another flow's request is not found here. A step is only shown once
/// the steps before it are complete, and a submitted request only shows its result.
/// </summary>
/// <remarks>
/// Every handler takes the id <c>[FromRoute]</c>: by default a form field or query parameter named "id" would win over
/// the address, so posting one request's form with another's id would act on the other. Starting a request (a POST
/// to /{flow}) is rate-limited per client address; editing one is not (see <see cref="NewRequestRateLimit"/>).
/// </remarks>
[EnableRateLimiting(NewRequestRateLimit.Policy)]
public abstract class FlowPageModel(ClearinghouseDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>
    /// How often a step is applied again after another save of the same request came first. Each lost race means
    /// another post was saved, so a few attempts outlast any tabs one person can have open.
    /// </summary>
    private const int MaxSaveAttempts = 5;

    private (Flow Flow, FlowStep Step)? _place;

    /// <summary>The flow this page belongs to, by its declaration.</summary>
    public Flow Flow => Place.Flow;

    /// <summary>The step this page shows.</summary>
    public FlowStep Step => Place.Step;

    /// <summary>The request being edited; null only on the first step before anything was saved.</summary>
    public CalRequest? Draft { get; private set; }

    /// <summary>The errors to list above the form, in the order of the fields they concern.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Where the Back link goes: the step before this one, of the same request; null on the first step.</summary>
    public string? BackUrl => Draft is not null && Flow.Before(Step) is { } previous ? Address(Flow.PathOf(previous, Draft.Id)) : null;

    /// <summary>
    /// Where the step's form posts: the step's own address, always. A form without an action posts to the address the
    /// page was shown at — after "Add another code" (?handler=AddCode) that would be the wrong handler.
    /// </summary>
    public string FormAction => Address(Draft is null ? Flow.StartPath : Flow.PathOf(Step, Draft.Id));

    protected DateTimeOffset Now => clock.GetUtcNow();

    private (Flow Flow, FlowStep Step) Place => _place ??=
        FlowRegistry.StepAt(PageContext.ActionDescriptor.ViewEnginePath, Request.Path)
        ?? throw new InvalidOperationException(
            $"The page {PageContext.ActionDescriptor.ViewEnginePath} is a flow step, but no flow declares it.");

    /// <summary>The address of another step of this request, e.g. for a "change" link.</summary>
    public string StepUrl(string key) => Address(Flow.PathOf(Flow.Step(key), Draft!.Id));

    /// <summary>A path of the portal as a link: under the path base the portal is served at.</summary>
    protected string Address(string path) => Url.Content("~" + path);

    /// <summary>
    /// Every step page is titled "{flow}: {step}", in the request's language. A step page of the site that also serves a
    /// telephone flow, at the console's address, needs a console account there — as the console's own pages do.
    /// </summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Flow.Channel == RequestChannel.Telephone)
        {
            var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            if (!(await authorization.AuthorizeAsync(User, Policies.Console)).Succeeded)
            {
                context.Result = User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
                return;
            }
        }

        ViewData["Title"] = Texts.Get("Flows.PageTitle", Flow.Title, Step.Title);
        await next();
    }

    /// <summary>Loads the request, or returns where to go instead (not found, an earlier step, the result).</summary>
    /// <param name="toChange">
    /// Track it, to be changed and saved in this request (a step's save, the submit); a page that only shows it reads
    /// it untracked.
    /// </param>
    protected async Task<IActionResult?> LoadAsync(Guid id, bool toChange = false)
    {
        var flow = Flow;
        var draft = await HotQueries.RequestOfFlowAsync(db, id, flow.Kind, flow.Channel, toChange, HttpContext.RequestAborted);
        if (draft is null)
        {
            return NotFound();
        }

        if (draft.SubmittedAt is not null)
        {
            return Redirect(Address(flow.ResultPath(id)));
        }

        var next = flow.NextStep(draft);
        if (flow.NumberOf(next) < flow.NumberOf(Step))
        {
            return RedirectToStep(next, id);
        }

        Draft = draft;
        return null;
    }

    /// <summary>
    /// Loads the request, applies this step's input to it and saves (Post/Redirect/Get). <paramref name="applyStep"/>
    /// validates and copies the input onto the draft, or returns the page to show instead (the input's errors).
    /// </summary>
    /// <remarks>
    /// The save only applies if nobody saved the request since it was read (<see cref="CalRequest.Version"/> is a
    /// concurrency token), so a post racing the submit — or arriving after it — cannot change what was issued: the
    /// database refuses the stale update, the request is read again, and a submitted request sends the post to its
    /// result. When another tab only edited the draft, this step is applied again to what is there now.
    /// </remarks>
    protected async Task<IActionResult> SaveStepAsync(Guid id, Func<CalRequest, Task<IActionResult?>> applyStep)
    {
        ArgumentNullException.ThrowIfNull(applyStep);
        for (var attempt = 1; ; attempt++)
        {
            if (await LoadAsync(id, toChange: true) is { } elsewhere)
            {
                return elsewhere;
            }

            if (await applyStep(Draft!) is { } refused)
            {
                return refused;
            }

            Draft!.UpdatedAt = clock.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(HttpContext.RequestAborted);
                return RedirectToStep(Flow.NextStep(Draft), id);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxSaveAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The save of a step that can start a request: it edits the request in the route, or — with no id, at /{flow}, on
    /// the flow's first step — starts a new request of this flow's kind and channel, applies the step to it and saves
    /// it. A request taken by telephone records the representative who entered it.
    /// </summary>
    /// <remarks>
    /// A page can be a flow's first step in one flow and a later step in another (the site's Manage CALs request step
    /// comes after the caller's country in a telephone call): there it only ever edits.
    /// </remarks>
    protected async Task<IActionResult> SaveFirstStepAsync(Guid? id, Func<CalRequest, Task<IActionResult?>> applyStep)
    {
        ArgumentNullException.ThrowIfNull(applyStep);
        if (id is not null)
        {
            return await SaveStepAsync(id.Value, applyStep);
        }

        if (Step != Flow.Steps[0])
        {
            throw new InvalidOperationException($"Only the first step of the flow {Flow.Segment} starts a request.");
        }

        var now = clock.GetUtcNow();
        var draft = new CalRequest
        {
            Id = Guid.NewGuid(),
            Kind = Flow.Kind,
            Channel = Flow.Channel,
            CreatedAt = now,
            UpdatedAt = now,
            RepresentativeId = Flow.Channel == RequestChannel.Telephone ? Representative() : null,
        };
        if (await applyStep(draft) is { } refused)
        {
            return refused;
        }

        db.CalRequests.Add(draft);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToStep(Flow.NextStep(draft), draft.Id);
    }

    /// <summary>The console account taking the call; telephone flows live in the console, which needs one.</summary>
    private string Representative() =>
        User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException($"The telephone flow {Flow.Segment} was reached without a console account.");

    protected RedirectResult RedirectToStep(FlowStep step, Guid id, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Redirect(Address(Flow.PathOf(step, id)) + query);
    }

    /// <summary>
    /// Shows validation failures next to their fields (under the "Input." prefix the forms bind to) and in the summary.
    /// Validators declare their rules in the order of the form, so the summary reads top to bottom.
    /// </summary>
    protected void AddErrors(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ShowErrors([.. result.Errors.Select(f => new FieldError($"Input.{f.PropertyName}", f.ErrorMessage))]);
    }

    /// <summary>
    /// Shows why the clearinghouse's rules refuse the request (<see cref="LicensingRules"/>): a refusal about a field of
    /// this step next to it (<paramref name="fieldHere"/> names it, e.g. "Input.Quantity"), one about another step's
    /// field in the summary only, linking to that step.
    /// </summary>
    /// <param name="fieldHere">The name of this step's field a refusal is about; null when it is another step's.</param>
    protected void ShowRefusals(IEnumerable<RuleRefusal> refusals, Func<RuleRefusal, string?> fieldHere)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        ArgumentNullException.ThrowIfNull(fieldHere);
        var shown = refusals.ToList();

        // Every page's rule refusal comes through here, once per answer: counted by its code.
        var metrics = HttpContext.RequestServices.GetRequiredService<ClearinghouseMetrics>();
        foreach (var refusal in shown)
        {
            metrics.Refused(refusal.Code, RefusalFront.Site);
        }

        ShowErrors([.. shown.Select(r => fieldHere(r) is { } field
            ? new FieldError(field, r.Message)
            : new FieldError(r.Field, r.Message, Address(Flow.PathOf(StepHolding(r.Field), Draft!.Id))))]);
    }

    /// <summary>
    /// The step where a <see cref="CalRequest"/> field is entered: the License Server ID on the request step; what was
    /// bought (codes, numbers, version, quantity) on the program details step where the flow has one.
    /// </summary>
    protected FlowStep StepHolding(string field) =>
        field == nameof(CalRequest.TargetLicenseServerId)
            ? Flow.Steps.FirstOrDefault(step => step.Key == FlowSteps.Request) ?? Flow.Steps[0]
            : Flow.Steps.FirstOrDefault(step => step.Key == FlowSteps.Program) ?? Flow.Steps[0];

    /// <summary>Shows <paramref name="errors"/> in the summary and next to their fields.</summary>
    protected void ShowErrors(IReadOnlyList<FieldError> errors)
    {
        Errors = errors;
        foreach (var error in Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
    }
}

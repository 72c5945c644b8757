using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Shared;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>
/// What every step of the wizard shares: the request is loaded from the database by the id in the route, a step
/// is only shown once the steps before it are complete, and a submitted request only shows its result.
/// </summary>
/// <remarks>
/// Every handler takes the id <c>[FromRoute]</c>: by default a form field or query parameter named "id" would win over
/// the address, so posting one request's form with another's id would act on the other.
/// </remarks>
public abstract class ManageCalsPageModel(ClearinghouseDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>
    /// How often a step is applied again after another save of the same request came first. Each lost race means
    /// another post was saved, so a few attempts outlast any tabs one person can have open.
    /// </summary>
    private const int MaxSaveAttempts = 5;

    protected ClearinghouseDbContext Db => db;

    public abstract ManageCalsStep Step { get; }

    /// <summary>The request being edited; null only on the first step before anything was saved.</summary>
    public CalRequest? Draft { get; private set; }

    /// <summary>Loads the request, or returns where to go instead (not found, an earlier step, the result).</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id)
    {
        var draft = await db.CalRequests.SingleOrDefaultAsync(
            r => r.Id == id && r.Channel == RequestChannel.Web, HttpContext.RequestAborted);
        if (draft is null)
        {
            return NotFound();
        }

        if (draft.SubmittedAt is not null)
        {
            return RedirectToPage("/ManageCals/Result", new { id });
        }

        var next = ManageCalsFlow.NextStep(draft);
        if (next < Step)
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
            if (await LoadAsync(id) is { } elsewhere)
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
                return RedirectToStep(ManageCalsFlow.NextStep(Draft), id);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxSaveAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Saves a request the first step has just created, and moves on.</summary>
    protected async Task<IActionResult> SaveNewAsync(CalRequest draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        draft.UpdatedAt = clock.GetUtcNow();
        db.CalRequests.Add(draft);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToStep(ManageCalsFlow.NextStep(draft), draft.Id);
    }

    protected DateTimeOffset Now => clock.GetUtcNow();

    protected RedirectToPageResult RedirectToStep(ManageCalsStep step, Guid id) =>
        RedirectToPage(ManageCalsFlow.PageOf(step), new { id });

    /// <summary>The errors to list above the form, in the order of the fields they concern.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>
    /// Shows validation failures next to their fields (under the "Input." prefix the forms bind to) and in the summary.
    /// Validators declare their rules in the order of the form, so the summary reads top to bottom.
    /// </summary>
    protected void AddErrors(ValidationResult result)
    {
        Errors = [.. result.Errors.Select(f => new FieldError($"Input.{f.PropertyName}", f.ErrorMessage))];
        foreach (var error in Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
    }
}

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
public abstract class ManageCalsPageModel(ClearinghouseDbContext db, TimeProvider clock) : PageModel
{
    protected ClearinghouseDbContext Db => db;

    public abstract ManageCalsStep Step { get; }

    /// <summary>The request being edited; null only on the first step before anything was saved.</summary>
    public CalRequest? Draft { get; private set; }

    /// <summary>Loads the request, or returns where to go instead (not found, an earlier step, the result).</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id)
    {
        var draft = await db.CalRequests.SingleOrDefaultAsync(r => r.Id == id && r.Channel == RequestChannel.Web);
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

    /// <summary>Saves the step and moves on (Post/Redirect/Get).</summary>
    protected async Task<IActionResult> SaveAndContinueAsync(CalRequest draft)
    {
        draft.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
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

using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.ReactivateServer;

/// <summary>
/// Step 1. At /reactivate-server it starts a new request; at /reactivate-server/{id}/request it edits one. A server
/// that cannot be reactivated (reactivated already; in strict mode, not activated here) is refused here, where the ID
/// can be put right; submitting checks again.
/// </summary>
public sealed class RequestModel(
    ClearinghouseDbContext db,
    TimeProvider clock,
    IValidator<RequestInput> validator,
    LicensingRules rules,
    LicensingModeSource licensing)
    : FlowPageModel(db, clock)
{
    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>Show the check box that confirms the ID was copied from the license server.</summary>
    public bool AsksToConfirmServerId => Input.AsksToConfirmServerId(licensing.Current);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid? id)
    {
        if (id is null)
        {
            return Page();
        }

        if (await LoadAsync(id.Value) is { } elsewhere)
        {
            return elsewhere;
        }

        Input = RequestInput.From(Draft!);
        return Page();
    }

    public Task<IActionResult> OnPostAsync([FromRoute] Guid? id) => SaveFirstStepAsync(id, async draft =>
    {
        var result = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Page();
        }

        if (await rules.CheckTargetServerAsync(Input.CanonicalServerId, HttpContext.RequestAborted) is { } refusal)
        {
            ShowErrors([new FieldError($"Input.{nameof(RequestInput.LicenseServerId)}", ReactivateServerFlow.Worded(refusal).Message)]);
            return Page();
        }

        Input.ApplyTo(draft);
        return null;
    });
}

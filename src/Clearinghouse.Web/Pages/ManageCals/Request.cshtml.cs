using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Step 1. At /manage-cals it starts a new request; at /manage-cals/{id}/request it edits one.</summary>
public sealed class RequestModel(
    ClearinghouseDbContext db,
    TimeProvider clock,
    IValidator<RequestInput> validator,
    LicensingModeSource licensing,
    LicensingRules rules)
    : FlowPageModel(db, clock)
{
    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>Show the check box that confirms the target ID was copied from the license server.</summary>
    public bool AsksToConfirmTarget => Input.AsksToConfirmTarget(licensing.Current);

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

        // The ID is well-formed; is it one the clearinghouse still issues CALs for? (Not a reactivated server's old ID;
        // in strict mode, one activated here.) Refused here, where another ID can be typed, not only at submit.
        var serverId = IdFormat.LicenseServerId.Parse(Input.TargetLicenseServerId).Value!;
        if (await rules.CheckTargetServerAsync(serverId, HttpContext.RequestAborted) is { } refusal)
        {
            ShowRefusals([refusal], _ => $"{nameof(Input)}.{nameof(RequestInput.TargetLicenseServerId)}");
            return Page();
        }

        Input.ApplyTo(draft);
        return null;
    });
}

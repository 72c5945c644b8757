using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Step 1. At /manage-cals it starts a new request; at /manage-cals/{id}/request it edits one.</summary>
/// <remarks>Starting a request is rate-limited per client address; editing one is not (see the policy).</remarks>
[EnableRateLimiting(NewRequestRateLimit.Policy)]
public sealed class RequestModel(
    ClearinghouseDbContext db, TimeProvider clock, IValidator<RequestInput> validator, IOptions<LicensingOptions> licensing)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Request;

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>Show the check box that confirms the target ID was copied from the license server.</summary>
    public bool AsksToConfirmTarget => Input.AsksToConfirmTarget(licensing.Value.Mode);

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

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid? id)
    {
        if (id is not null)
        {
            return await SaveStepAsync(id.Value, ApplyAsync);
        }

        var draft = new CalRequest { Id = Guid.NewGuid(), Channel = RequestChannel.Web, CreatedAt = Now };
        return await ApplyAsync(draft) ?? await SaveNewAsync(draft);
    }

    private async Task<IActionResult?> ApplyAsync(CalRequest draft)
    {
        var result = await validator.ValidateAsync(Input);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Page();
        }

        Input.ApplyTo(draft);
        return null;
    }
}

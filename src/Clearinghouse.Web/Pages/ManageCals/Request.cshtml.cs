using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Step 1. At /manage-cals it starts a new request; at /manage-cals/{id}/request it edits one.</summary>
public sealed class RequestModel(
    ClearinghouseDbContext db, TimeProvider clock, IValidator<RequestInput> validator, IOptions<LicensingOptions> licensing)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Request;

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>Show the check box that confirms the target ID was copied from the license server.</summary>
    public bool AsksToConfirmTarget => Input.AsksToConfirmTarget(licensing.Value.Mode);

    public async Task<IActionResult> OnGetAsync(Guid? id)
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

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (id is not null && await LoadAsync(id.Value) is { } elsewhere)
        {
            return elsewhere;
        }

        var result = await validator.ValidateAsync(Input);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Page();
        }

        var draft = Draft;
        if (draft is null)
        {
            draft = new CalRequest { Id = Guid.NewGuid(), Channel = RequestChannel.Web, CreatedAt = Now };
            Db.CalRequests.Add(draft);
        }

        Input.ApplyTo(draft);
        return await SaveAndContinueAsync(draft);
    }
}

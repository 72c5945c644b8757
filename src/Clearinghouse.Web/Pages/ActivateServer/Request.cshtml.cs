using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.ActivateServer;

/// <summary>Step 1. At /activate-server it starts a new request; at /activate-server/{id}/request it edits one.</summary>
public sealed class RequestModel(ClearinghouseDbContext db, TimeProvider clock, IValidator<RequestInput> validator)
    : FlowPageModel(db, clock)
{
    [BindProperty]
    public RequestInput Input { get; set; } = new();

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

        Input.ApplyTo(draft);
        return null;
    });
}

using Clearinghouse.Web.Data;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The contact step of any flow that has one: a flow's Contact.cshtml names this model and includes _ContactFields.
/// </summary>
public sealed class ContactStepModel(ClearinghouseDbContext db, TimeProvider clock, IValidator<ContactInput> validator)
    : FlowPageModel(db, clock)
{
    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        Input = ContactInput.From(Draft!);
        return Page();
    }

    public Task<IActionResult> OnPostAsync([FromRoute] Guid id) => SaveStepAsync(id, async draft =>
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

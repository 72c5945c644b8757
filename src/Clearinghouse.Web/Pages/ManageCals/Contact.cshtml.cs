using Clearinghouse.Web.Data;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.ManageCals;

public sealed class ContactModel(ClearinghouseDbContext db, TimeProvider clock, IValidator<ContactInput> validator)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Contact;

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
        var result = await validator.ValidateAsync(Input);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Page();
        }

        Input.ApplyTo(draft);
        return null;
    });
}

using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>Resets the lab's data (see <see cref="LabAdministrator.ResetAsync"/>) once the administrator confirms it.</summary>
public sealed class ResetModel(LabAdministrator admin) : PageModel
{
    [BindProperty]
    public bool Confirm { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public bool Done { get; private set; }

    public void OnGet([FromQuery] bool done) => Done = done;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Confirm)
        {
            Errors = [new FieldError(nameof(Confirm), Texts.Get("Lab.Reset.Confirm.Required"))];
            ModelState.AddModelError(nameof(Confirm), Errors[0].Message);
            return Page();
        }

        await admin.ResetAsync(HttpContext.RequestAborted);
        return RedirectToPage(null, null, new { done = true }, null);
    }
}

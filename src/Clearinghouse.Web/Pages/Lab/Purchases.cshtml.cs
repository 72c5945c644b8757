using System.Globalization;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Pages.Shared;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>
/// Lab administration: register purchases (strict mode counts only these) and see what each has issued. There only
/// when <see cref="LabAdministrationOptions.Enabled"/>.
/// </summary>
public sealed class PurchasesModel(PurchaseRegistry registry, IValidator<PurchaseInput> validator) : PageModel
{
    [BindProperty]
    public PurchaseInput Input { get; set; } = new();

    public IReadOnlyList<PurchaseStatement> Purchases { get; private set; } = [];

    /// <summary>The purchase registered by the post that redirected here, to point it out.</summary>
    public Guid? Registered { get; private set; }

    /// <summary>The errors to list above the form, in the order of its fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] Guid? registered)
    {
        Registered = registered;
        Purchases = await registry.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        if (result.IsValid)
        {
            var registration = await registry.RegisterAsync(Input.ToRegistration(), HttpContext.RequestAborted);
            if (registration.Outcome == RegistrationOutcome.Registered)
            {
                return RedirectToPage("/Lab/Purchases", null, new { registered = registration.PurchaseId }, "purchases");
            }

            result = new ValidationResult([PurchaseInputFailures.AlreadyRegistered(Input)]);
        }

        Errors = [.. result.Errors.Select(f => new FieldError($"{nameof(Input)}.{f.PropertyName}", f.ErrorMessage))];
        foreach (var error in Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        Purchases = await registry.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>A number of CALs as the reader's language writes it ("1,500", "1.500").</summary>
    public static string Count(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A moment in UTC as the reader's language writes it (see <see cref="SummaryRows.Time"/>).</summary>
    public static string Time(DateTimeOffset time) => SummaryRows.Time(time);
}

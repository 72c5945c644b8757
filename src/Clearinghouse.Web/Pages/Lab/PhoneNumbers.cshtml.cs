using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Pages.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>
/// The telephone number shown for each country or region (the site's telephone result pages, the console's calls, the
/// catalogue). Stored in CountriesRegions, which migrations never touch and the start-up seeder only adds to, so an
/// edit survives restarts and upgrades.
/// </summary>
public sealed class PhoneNumbersModel(LabAdministrator admin, ClearinghouseDbContext db, IValidator<PhoneNumberInput> validator) : PageModel
{
    [BindProperty]
    public string? CountryRegionCode { get; set; }

    [BindProperty]
    public string? PhoneNumber { get; set; }

    public IReadOnlyList<CountryRegion> Countries { get; private set; } = [];

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The country whose number the post that redirected here changed.</summary>
    public string? Changed { get; private set; }

    public async Task OnGetAsync([FromQuery] string? country, [FromQuery] string? changed)
    {
        await LoadAsync();
        Changed = Countries.FirstOrDefault(c => c.Code == changed)?.Code;
        if (Countries.FirstOrDefault(c => c.Code == country?.ToUpperInvariant()) is { } chosen)
        {
            CountryRegionCode = chosen.Code;
            PhoneNumber = chosen.PhoneNumber;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var input = new PhoneNumberInput(CountryRegionCode, PhoneNumber);
        var result = await validator.ValidateAsync(input, HttpContext.RequestAborted);
        if (result.IsValid)
        {
            await admin.SetPhoneNumberAsync(CountryRegionCode!, PhoneNumbers.Normalize(PhoneNumber!), HttpContext.RequestAborted);
            return RedirectToPage(null, null, new { changed = CountryRegionCode }, $"country-{CountryRegionCode}");
        }

        Errors = [.. result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage))];
        foreach (var error in Errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Countries = await db.CountriesRegions.AsNoTracking().OrderBy(c => c.Code).ToListAsync(HttpContext.RequestAborted);
}

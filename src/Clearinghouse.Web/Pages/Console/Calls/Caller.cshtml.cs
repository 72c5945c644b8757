using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Pages.Console.Calls;

/// <summary>
/// The first step of every telephone flow: the caller's country or region. At /console/calls/{flow} it starts the call
/// (the representative who takes it is recorded); at /console/calls/{flow}/{id}/caller it changes it. It becomes the
/// contact's country, which the contact step shows already chosen.
/// </summary>
public sealed class CallerModel(ClearinghouseDbContext db, TimeProvider clock) : FlowPageModel(db, clock)
{
    [BindProperty]
    public string? CountryRegionCode { get; set; }

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

        CountryRegionCode = Draft!.CountryRegionCode;
        return Page();
    }

    public Task<IActionResult> OnPostAsync([FromRoute] Guid? id) => SaveFirstStepAsync(id, draft =>
    {
        if (Catalogue.FindCountryRegion(CountryRegionCode?.Trim()) is not { } country)
        {
            ShowErrors([new FieldError(nameof(CountryRegionCode), Texts.Get("Contact.CountryRegion.Required"))]);
            return Task.FromResult<IActionResult?>(Page());
        }

        draft.CountryRegionCode = country.Code;
        return Task.FromResult<IActionResult?>(null);
    });
}

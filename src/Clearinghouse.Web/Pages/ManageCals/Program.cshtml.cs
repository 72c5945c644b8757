using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.ManageCals;

public sealed class ProgramModel(
    ClearinghouseDbContext db, TimeProvider clock, IValidator<ProgramInput> validator, IOptions<LicensingOptions> licensing)
    : ManageCalsPageModel(db, clock)
{
    public override ManageCalsStep Step => ManageCalsStep.Program;

    [BindProperty]
    public ProgramInput Input { get; set; } = new();

    /// <summary>Show the check box that confirms the license codes were copied from the License Pack.</summary>
    public bool AsksToConfirmLicenseCodes => Input.AsksToConfirmLicenseCodes(licensing.Value.Mode);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        Input = ProgramInput.From(Draft!, ChosenProgram);
        return Page();
    }

    // Validated against the program the request has when it is saved: another tab may have changed it meanwhile.
    public Task<IActionResult> OnPostAsync([FromRoute] Guid id) => SaveStepAsync(id, async draft =>
    {
        Input.Program = ChosenProgram;
        var result = await validator.ValidateAsync(Input);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Page();
        }

        Input.ApplyTo(draft);
        return null;
    });

    // LoadAsync only lets this step show once step 1 (and so the program) is complete.
    private LicenseProgram ChosenProgram => Catalogue.FindProgram(Draft!.LicenseProgramCode)!;
}

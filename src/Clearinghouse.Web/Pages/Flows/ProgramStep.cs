using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The license program details step of any flow that has one: a flow's Program.cshtml names this model and includes
/// _ProgramFields. The program itself is chosen on an earlier step, which must be complete for this one to show.
/// </summary>
public sealed class ProgramStepModel(
    ClearinghouseDbContext db, TimeProvider clock, IValidator<ProgramInput> validator, IOptions<LicensingOptions> licensing)
    : FlowPageModel(db, clock)
{
    [BindProperty]
    public ProgramInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        Input = ProgramInput.From(Draft!, ChosenProgram);
        return Form(codesRefused: false);
    }

    // Validated against the program the request has when it is saved: another tab may have changed it meanwhile.
    public Task<IActionResult> OnPostAsync([FromRoute] Guid id) => SaveStepAsync(id, async draft =>
    {
        Input.Program = ChosenProgram;
        var result = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Form(codesRefused: result.Errors.Any(e => e.PropertyName.StartsWith(nameof(ProgramInput.LicenseCodes), StringComparison.Ordinal)));
        }

        Input.ApplyTo(draft);
        return null;
    });

    /// <summary>
    /// "Add another code": shows the form again as it was filled in, with one more empty license code field. Nothing
    /// is validated or saved — the person has not finished — so no redirect is needed, and everything typed stays.
    /// </summary>
    public async Task<IActionResult> OnPostAddCodeAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        Input.Program = ChosenProgram;
        Input.AddLicenseCodeField();
        return Form(codesRefused: false);
    }

    private PageResult Form(bool codesRefused)
    {
        Input.ShowAtLeastOneLicenseCodeField();
        Input.ShowsLicenseCodesConfirmation = Input.OffersLicenseCodesConfirmation(licensing.Value.Mode, codesRefused);
        return Page();
    }

    // LoadAsync only lets this step show once the step that chooses the program is complete.
    private LicenseProgram ChosenProgram => Catalogue.FindProgram(Draft!.LicenseProgramCode)!;
}

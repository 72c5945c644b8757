using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The license program details step of any flow that has one: a flow's Program.cshtml names this model and includes
/// _ProgramFields. The program itself is chosen on an earlier step, which must be complete for this one to show.
/// </summary>
public sealed class ProgramStepModel(
    ClearinghouseDbContext db,
    TimeProvider clock,
    IValidator<ProgramInput> validator,
    LicensingModeSource licensing,
    LicensingRules rules)
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

    /// <summary>
    /// Validated against the program the request has when it is saved: another tab may have changed it meanwhile. Then
    /// the clearinghouse's rules are checked on the request as this step would save it — CALs newer than the server
    /// accepts, a license code already installed, in strict mode a purchase not registered or holding fewer CALs — so
    /// that they are refused here, next to the field that puts them right, and nothing is saved. That is advice: the
    /// issuer checks again at submit, where a request that got there first decides (decision 6).
    /// </summary>
    public Task<IActionResult> OnPostAsync([FromRoute] Guid id) => SaveStepAsync(id, async draft =>
    {
        Input.Program = ChosenProgram;
        var result = await validator.ValidateAsync(Input, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            AddErrors(result);
            return Form(codesRefused: result.Errors.Any(e => e.PropertyName.StartsWith(nameof(ProgramInput.LicenseCodes), StringComparison.Ordinal)));
        }

        var refusals = await rules.CheckAsync(RequestFacts.Of(AsSaved(draft)), HttpContext.RequestAborted);
        if (refusals.Count > 0)
        {
            DropEmptyLicenseCodeFields();
            ShowRefusals(refusals.OrderBy(FormOrder), FieldHere);
            return Form(codesRefused: false);
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
        Input.ShowsLicenseCodesConfirmation = Input.OffersLicenseCodesConfirmation(licensing.Current, codesRefused);
        return Page();
    }

    // LoadAsync only lets this step show once the step that chooses the program is complete.
    private LicenseProgram ChosenProgram => Catalogue.FindProgram(Draft!.LicenseProgramCode)!;

    /// <summary>
    /// A refused code is named by its position among the codes ("License code 2"), as the review page names it too;
    /// without the empty fields, that is the number of the field it is in. The fields are shown from the input, not as
    /// posted: what was posted for "License code 1" may now be in no field at all.
    /// </summary>
    private void DropEmptyLicenseCodeFields()
    {
        var posted = $"{nameof(Input)}.{nameof(ProgramInput.LicenseCodes)}[";
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(posted, StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        Input.DropEmptyLicenseCodeFields();
    }

    /// <summary>
    /// The request as this step's input would leave it, apart from the draft: a refused input must not be in the
    /// tracked draft, where any later save would keep it.
    /// </summary>
    private CalRequest AsSaved(CalRequest draft)
    {
        var saved = new CalRequest
        {
            Id = draft.Id,
            Kind = draft.Kind,
            Channel = draft.Channel,
            TargetLicenseServerId = draft.TargetLicenseServerId,
            LicenseProgramCode = draft.LicenseProgramCode,
        };
        Input.ApplyTo(saved);
        return saved;
    }

    /// <summary>The field of this step a refusal is about; null for another step's (the License Server ID).</summary>
    private static string? FieldHere(RuleRefusal refusal) => refusal.Field switch
    {
        nameof(CalRequest.RetailLicenseCodes) => Field(ProgramInput.LicenseCodeField(refusal.Position ?? 1)),
        nameof(CalRequest.OpenLicenseNumber) => Field(nameof(ProgramInput.LicenseNumber)),
        nameof(CalRequest.OpenLicenseAuthorizationNumber) => Field(nameof(ProgramInput.AuthorizationNumber)),
        nameof(CalRequest.AgreementNumber) => Field(nameof(ProgramInput.AgreementNumber)),
        nameof(CalRequest.ProductVersionCode) => Field(nameof(ProgramInput.ProductVersionCode)),
        nameof(CalRequest.CalTypeCode) => Field(nameof(ProgramInput.CalTypeCode)),
        nameof(CalRequest.Quantity) => Field(nameof(ProgramInput.Quantity)),
        _ => null,
    };

    private static string Field(string name) => $"{nameof(Input)}.{name}";

    /// <summary>The summary reads top to bottom like the form: another step's field first, then this step's in order.</summary>
    private static int FormOrder(RuleRefusal refusal) => refusal.Field switch
    {
        nameof(CalRequest.RetailLicenseCodes) or nameof(CalRequest.OpenLicenseNumber) or
            nameof(CalRequest.OpenLicenseAuthorizationNumber) or nameof(CalRequest.AgreementNumber) => 1,
        nameof(CalRequest.ProductVersionCode) => 2,
        nameof(CalRequest.CalTypeCode) => 3,
        nameof(CalRequest.Quantity) => 4,
        _ => 0,
    };
}

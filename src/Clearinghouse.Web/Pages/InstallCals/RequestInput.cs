using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using Clearinghouse.Web.Pages.Flows;
using FluentValidation;

namespace Clearinghouse.Web.Pages.InstallCals;

/// <summary>Step 1: which license server the CALs are installed on, and under which license program they were bought.</summary>
public sealed record RequestInput
{
    public string? LicenseServerId { get; set; }

    /// <summary>
    /// The person confirms the ID was copied from the license server, so one that does not check out is used as
    /// entered (lenient mode; see <see cref="ForeignIds"/>).
    /// </summary>
    public bool LicenseServerIdIsCopied { get; set; }

    public string? LicenseProgramCode { get; set; }

    public static RequestInput From(CalRequest request) => new()
    {
        LicenseServerId = request.TargetLicenseServerId is { } id ? IdFormat.LicenseServerId.Format(id) : null,

        // Only a confirmed foreign ID is stored although it does not check out; the box stays ticked for it.
        LicenseServerIdIsCopied = request.TargetLicenseServerIdIsForeign &&
            IdFormat.LicenseServerId.Parse(request.TargetLicenseServerId).Origin == IdOrigin.ChecksFailed,
        LicenseProgramCode = request.LicenseProgramCode,
    };

    /// <summary>Whether the page asks to confirm that the ID was copied from the license server.</summary>
    public bool AsksToConfirmServerId(LicensingMode mode) =>
        ForeignIds.AsksForConfirmation(IdFormat.LicenseServerId, LicenseServerId, mode);

    /// <summary>Copies validated input onto the request; a new program drops the old program's details.</summary>
    public void ApplyTo(CalRequest request)
    {
        request.TargetLicenseServerId = IdFormat.LicenseServerId.Parse(LicenseServerId).Value;
        request.TargetLicenseServerIdIsForeign = ForeignIds.IsForeign(IdFormat.LicenseServerId, LicenseServerId);
        if (request.LicenseProgramCode != LicenseProgramCode)
        {
            CalRequestRules.ClearProgramReferences(request);
            request.LicenseProgramCode = LicenseProgramCode;
        }
    }
}

public sealed class RequestInputValidator : AbstractValidator<RequestInput>
{
    public RequestInputValidator(LicensingModeSource licensing)
    {
        ArgumentNullException.ThrowIfNull(licensing);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.LicenseServerId)
            .MustBeIdFromAnywhere(IdFormat.LicenseServerId, () => Labels.LicenseServerId, () => licensing.Current,
                x => x.LicenseServerIdIsCopied,
                () => Texts.Get("Request.LicenseServerIdCopied.HowToConfirm", Labels.LicenseServerIdIsCopied),
                ErrorCodes.LicenseServerId);
        RuleFor(x => x.LicenseProgramCode)
            .Must(code => Catalogue.FindProgram(code) is not null)
            .WithMessage(_ => Texts.Get("Request.LicenseProgram.Required"))
            .WithErrorCode(ErrorCodes.UnknownLicenseProgram);
    }
}

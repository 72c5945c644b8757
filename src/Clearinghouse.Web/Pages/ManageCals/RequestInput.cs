using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;
using Clearinghouse.Web.Pages.Flows;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Step 1: which license server the CALs go to, why, and under which license program.</summary>
public sealed record RequestInput
{
    public string? TargetLicenseServerId { get; set; }

    /// <summary>
    /// The person confirms the target ID was copied from the license server, so one that does not check out is used
    /// as entered (lenient mode; see <see cref="ForeignIds"/>).
    /// </summary>
    public bool TargetLicenseServerIdIsCopied { get; set; }

    public string? ReasonCode { get; set; }

    public string? LicenseProgramCode { get; set; }

    public static RequestInput From(CalRequest request) => new()
    {
        TargetLicenseServerId = request.TargetLicenseServerId is { } id ? IdFormat.LicenseServerId.Format(id) : null,

        // Only a confirmed foreign ID is stored although it does not check out; the box stays ticked for it.
        TargetLicenseServerIdIsCopied = request.TargetLicenseServerIdIsForeign &&
            IdFormat.LicenseServerId.Parse(request.TargetLicenseServerId).Origin == IdOrigin.ChecksFailed,
        ReasonCode = request.ReasonCode,
        LicenseProgramCode = request.LicenseProgramCode,
    };

    /// <summary>Whether the page asks to confirm that the target ID was copied from the license server.</summary>
    public bool AsksToConfirmTarget(LicensingMode mode) =>
        ForeignIds.AsksForConfirmation(IdFormat.LicenseServerId, TargetLicenseServerId, mode);

    /// <summary>Copies validated input onto the request; a new program drops the old program's details.</summary>
    public void ApplyTo(CalRequest request)
    {
        request.TargetLicenseServerId = IdFormat.LicenseServerId.Parse(TargetLicenseServerId).Value;
        request.TargetLicenseServerIdIsForeign = ForeignIds.IsForeign(IdFormat.LicenseServerId, TargetLicenseServerId);
        request.ReasonCode = ReasonCode;
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
        RuleFor(x => x.TargetLicenseServerId)
            .MustBeIdFromAnywhere(IdFormat.LicenseServerId, () => Labels.TargetLicenseServerId, () => licensing.Current,
                x => x.TargetLicenseServerIdIsCopied,
                () => Texts.Get("Request.LicenseServerIdCopied.HowToConfirm", Labels.TargetLicenseServerIdIsCopied),
                ErrorCodes.LicenseServerId);
        RuleFor(x => x.ReasonCode)
            .Must(code => Catalogue.FindReason(code)?.Purpose == ReasonPurpose.Recovery)
            .WithMessage(_ => Texts.Get("Request.Reason.Required"))
            .WithErrorCode(ErrorCodes.UnknownReason);
        RuleFor(x => x.LicenseProgramCode)
            .Must(code => Catalogue.FindProgram(code) is not null)
            .WithMessage(_ => Texts.Get("Request.LicenseProgram.Required"))
            .WithErrorCode(ErrorCodes.UnknownLicenseProgram);
    }
}

using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;
using FluentValidation;

namespace Clearinghouse.Web.Pages.ReactivateServer;

/// <summary>Step 1: the license server to reactivate, by the License Server ID it has now, and why.</summary>
public sealed record RequestInput
{
    public string? LicenseServerId { get; set; }

    /// <summary>
    /// The person confirms the ID was copied from the license server, so one that does not check out is used as
    /// entered (lenient mode; see <see cref="ForeignIds"/>).
    /// </summary>
    public bool LicenseServerIdIsCopied { get; set; }

    public string? ReasonCode { get; set; }

    public static RequestInput From(CalRequest request) => new()
    {
        LicenseServerId = request.TargetLicenseServerId is { } id ? IdFormat.LicenseServerId.Format(id) : null,

        // Only a confirmed foreign ID is stored although it does not check out; the box stays ticked for it.
        LicenseServerIdIsCopied = request.TargetLicenseServerIdIsForeign &&
            IdFormat.LicenseServerId.Parse(request.TargetLicenseServerId).Origin == IdOrigin.ChecksFailed,
        ReasonCode = request.ReasonCode,
    };

    /// <summary>The License Server ID in canonical form; only once the input is valid.</summary>
    public string CanonicalServerId => IdFormat.LicenseServerId.Parse(LicenseServerId).Value!;

    /// <summary>Whether the page asks to confirm that the ID was copied from the license server.</summary>
    public bool AsksToConfirmServerId(LicensingMode mode) =>
        ForeignIds.AsksForConfirmation(IdFormat.LicenseServerId, LicenseServerId, mode);

    /// <summary>Copies validated input onto the request.</summary>
    public void ApplyTo(CalRequest request)
    {
        request.TargetLicenseServerId = CanonicalServerId;
        request.TargetLicenseServerIdIsForeign = ForeignIds.IsForeign(IdFormat.LicenseServerId, LicenseServerId);
        request.ReasonCode = ReasonCode;
    }
}

/// <remarks>
/// Registered as a singleton, so every message is made when a request is validated, in that request's language.
/// Whether the server may be reactivated (not reactivated already; in strict mode, activated here) is for the licensing
/// rules, which the page asks once the input is valid.
/// </remarks>
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
        RuleFor(x => x.ReasonCode)
            .Must(code => Catalogue.FindReason(code)?.Purpose == ReasonPurpose.Reactivation)
            .WithMessage(_ => Texts.Get("Reactivate.Reason.Missing"))
            .WithErrorCode(ErrorCodes.UnknownReason);
    }
}

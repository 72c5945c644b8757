using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using FluentValidation;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Step 1: which license server the CALs go to, why, and under which license program.</summary>
public sealed record RequestInput
{
    public string? TargetLicenseServerId { get; set; }

    public string? ReasonCode { get; set; }

    public string? LicenseProgramCode { get; set; }

    public static RequestInput From(CalRequest request) => new()
    {
        TargetLicenseServerId = request.TargetLicenseServerId is { } id ? IdFormat.LicenseServerId.Format(id) : null,
        ReasonCode = request.ReasonCode,
        LicenseProgramCode = request.LicenseProgramCode,
    };

    /// <summary>Copies validated input onto the request; a new program drops the old program's details.</summary>
    public void ApplyTo(CalRequest request)
    {
        request.TargetLicenseServerId = IdFormat.LicenseServerId.Parse(TargetLicenseServerId).Value;
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
    public RequestInputValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.TargetLicenseServerId)
            .MustBeId(IdFormat.LicenseServerId, Labels.TargetLicenseServerId, ErrorCodes.MalformedLicenseServerId);
        RuleFor(x => x.ReasonCode)
            .Must(code => Catalogue.FindReason(code)?.Purpose == ReasonPurpose.Recovery)
            .WithMessage("Choose the reason for recovery.")
            .WithErrorCode(ErrorCodes.UnknownReason);
        RuleFor(x => x.LicenseProgramCode)
            .Must(code => Catalogue.FindProgram(code) is not null)
            .WithMessage("Choose the license program under which the CALs were bought.")
            .WithErrorCode(ErrorCodes.UnknownLicenseProgram);
    }
}

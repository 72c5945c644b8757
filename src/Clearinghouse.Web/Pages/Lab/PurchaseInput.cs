using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;
using FluentValidation.Results;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>A purchase to register: the program, its proof of purchase, and the CALs it holds.</summary>
public sealed record PurchaseInput
{
    public string? LicenseProgramCode { get; set; }

    /// <summary>Agreement programs: the agreement or enrollment number.</summary>
    public string? AgreementNumber { get; set; }

    /// <summary>Open License: the license number.</summary>
    public string? LicenseNumber { get; set; }

    /// <summary>Open License: the authorization number.</summary>
    public string? AuthorizationNumber { get; set; }

    /// <summary>License Pack (retail purchase): the license code.</summary>
    public string? LicenseCode { get; set; }

    public string? ProductVersionCode { get; set; }

    public string? CalTypeCode { get; set; }

    /// <summary>Kept as typed so that "abc" gets a clear message rather than a binding error.</summary>
    public string? Quantity { get; set; }

    public LicenseProgram? Program => Catalogue.FindProgram(LicenseProgramCode);

    /// <summary>The field that holds the proof of purchase for the chosen program.</summary>
    public string ReferenceField => Program?.Kind switch
    {
        ProgramKind.RetailPurchase => nameof(LicenseCode),
        ProgramKind.OpenLicense => nameof(LicenseNumber),
        _ => nameof(AgreementNumber),
    };

    /// <summary>The registration this input stands for; only once it is valid.</summary>
    public PurchaseRegistration ToRegistration() => new(
        LicenseProgramCode!,
        Program!.Kind switch
        {
            ProgramKind.RetailPurchase => IdFormat.RetailLicenseCode.Parse(LicenseCode).Value!,
            ProgramKind.OpenLicense => PurchaseReferences.OpenLicense(
                IdFormat.OpenLicenseNumber.Parse(LicenseNumber).Value!,
                IdFormat.OpenLicenseAuthorizationNumber.Parse(AuthorizationNumber).Value!),
            ProgramKind.Agreement => IdFormat.AgreementNumber.Parse(AgreementNumber).Value!,
        },
        ProductVersionCode!,
        CalTypeCode!,
        ParseQuantity(Quantity)!.Value);

    /// <summary>
    /// Plain digits ("1500") or thousands grouped as the request's language groups them ("1,500"; "1.500" in German);
    /// "1,5" is not read as 15 (see <see cref="Quantities"/>). Null when it is not such a number or too large for one.
    /// </summary>
    public static int? ParseQuantity(string? text) => Quantities.Parse(text);

    public static bool IsWellFormedQuantity(string? text) => Quantities.IsWellFormed(text);
}

public sealed class PurchaseInputValidator : AbstractValidator<PurchaseInput>
{
    public PurchaseInputValidator(LicensingModeSource licensing)
    {
        ArgumentNullException.ThrowIfNull(licensing);
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(x => x.LicenseProgramCode)
            .Must(code => Catalogue.FindProgram(code) is not null)
            .WithMessage(_ => Texts.Get("Lab.Purchase.LicenseProgram.Required"))
            .WithErrorCode(ErrorCodes.UnknownLicenseProgram);

        When(x => x.Program?.Kind == ProgramKind.Agreement, () =>
            RuleFor(x => x.AgreementNumber).MustBeId(IdFormat.AgreementNumber, label: null, ErrorCodes.MalformedAgreementNumber));

        When(x => x.Program?.Kind == ProgramKind.OpenLicense, () =>
        {
            RuleFor(x => x.LicenseNumber).MustBeId(IdFormat.OpenLicenseNumber, label: null, ErrorCodes.MalformedLicenseNumber);
            RuleFor(x => x.AuthorizationNumber)
                .MustBeId(IdFormat.OpenLicenseAuthorizationNumber, label: null, ErrorCodes.MalformedAuthorizationNumber);
        });

        // Taken as the site takes it in this mode, so that a code registered here can be entered there: from elsewhere
        // in lenient mode (registering it is the confirmation), only codes that check out in strict mode.
        When(x => x.Program?.Kind == ProgramKind.RetailPurchase, () =>
            RuleFor(x => x.LicenseCode).Custom((value, context) =>
            {
                if (ForeignIds.Check(IdFormat.RetailLicenseCode, value, IdFormat.RetailLicenseCode.Name, licensing.Current, confirmed: true, howToConfirm: "",
                        ErrorCodes.LicenseCode, context.PropertyPath) is { } failure)
                {
                    context.AddFailure(failure);
                }
            }));

        RuleFor(x => x.ProductVersionCode)
            .Must(code => Catalogue.FindProductVersion(code) is not null)
            .WithMessage(_ => Texts.Get("Program.ProductVersion.Required"))
            .WithErrorCode(ErrorCodes.UnknownProductVersion);

        RuleFor(x => x.CalTypeCode)
            .Must(code => Catalogue.FindCalType(code) is not null)
            .WithMessage(_ => Texts.Get("Program.CalType.Required"))
            .WithErrorCode(ErrorCodes.UnknownCalType)
            .Must((input, code) => Catalogue.IsCalTypeSoldFor(input.ProductVersionCode, code))
            .When(x => Catalogue.FindProductVersion(x.ProductVersionCode) is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(input => Texts.Get("Lab.Purchase.CalType.NotSold",
                CatalogueNames.CalType(input.CalTypeCode), CatalogueNames.ProductVersion(input.ProductVersionCode),
                string.Join(Texts.Get("List.Separator"), Catalogue.CalTypesFor(input.ProductVersionCode!).Select(CatalogueNames.Of))))
            .WithErrorCode(ErrorCodes.CalTypeNotSoldForVersion);

        RuleFor(x => x.Quantity)
            .Must(text => !string.IsNullOrWhiteSpace(text))
            .WithMessage(_ => Texts.Get("Lab.Purchase.Quantity.Required", 1, FieldLengths.MaxPurchaseQuantity))
            .WithErrorCode(ErrorCodes.MissingValue)
            .Must(PurchaseInput.IsWellFormedQuantity)
            .WithMessage(_ => Texts.Get("Program.Quantity.Malformed", 25, 1500))
            .WithErrorCode(ErrorCodes.MalformedQuantity)

            // A well-formed number too large for an int is out of range too, not "not a number".
            .Must(text => PurchaseInput.ParseQuantity(text) is >= 1 and <= FieldLengths.MaxPurchaseQuantity)
            .WithMessage(_ => Texts.Get("Lab.Purchase.Quantity.OutOfRange", 1, FieldLengths.MaxPurchaseQuantity))
            .WithErrorCode(ErrorCodes.QuantityOutOfRange);
    }
}

/// <summary>A registration the database refused as a duplicate, as a failure on the reference field.</summary>
public static class PurchaseInputFailures
{
    public static ValidationFailure AlreadyRegistered(PurchaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var registration = input.ToRegistration();
        return new ValidationFailure(input.ReferenceField, Texts.Get("Lab.Purchase.AlreadyRegistered",
            PurchaseReferences.Describe(registration.LicenseProgramCode, registration.Reference),
            PurchaseReferences.CalsName(registration.ProductVersionCode, registration.CalTypeCode)))
        {
            ErrorCode = ErrorCodes.PurchaseAlreadyRegistered,
        };
    }
}

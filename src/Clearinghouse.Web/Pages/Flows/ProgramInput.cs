using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The license program details step of every flow that has one: the proof of purchase the chosen program needs
/// (license codes, an Open License, or an agreement number), then the CALs: product version, CAL type and quantity.
/// </summary>
public sealed record ProgramInput
{
    /// <summary>The program chosen on step 1; set by the page, never bound from the form.</summary>
    [BindNever]
    public LicenseProgram Program { get; set; } = Catalogue.Programs[0];

    /// <summary>
    /// The retail license codes, one field each, in the order shown ("License code 1", "License code 2"…). Empty fields
    /// are ignored; "Add another code" appends one.
    /// </summary>
    public List<string?> LicenseCodes { get; set; } = [];

    /// <summary>
    /// The person confirms the license codes were copied from the License Pack, so codes that do not check out are
    /// used as entered (lenient mode; see <see cref="ForeignIds"/>).
    /// </summary>
    public bool LicenseCodesAreCopied { get; set; }

    public string? LicenseNumber { get; set; }

    public string? AuthorizationNumber { get; set; }

    public string? AgreementNumber { get; set; }

    public string? ProductVersionCode { get; set; }

    public string? CalTypeCode { get; set; }

    /// <summary>Kept as typed so that "abc" gets a clear message rather than a binding error.</summary>
    public string? Quantity { get; set; }

    /// <summary>
    /// Whether the form offers the check box that confirms the license codes were copied from the License Pack; set
    /// by the page (see <see cref="OffersLicenseCodesConfirmation"/>), never bound from the form.
    /// </summary>
    [BindNever]
    public bool ShowsLicenseCodesConfirmation { get; set; }

    /// <summary>The number of the license code field "Add another code" has just added, which takes the focus.</summary>
    [BindNever]
    public int? AddedLicenseCode { get; private set; }

    public static ProgramInput From(CalRequest r, LicenseProgram program) => new()
    {
        Program = program,
        LicenseCodes = CalRequestRules.RetailLicenseCodesOf(r) is { Count: > 0 } codes
            ? [.. codes.Select(IdFormat.RetailLicenseCode.Format)]
            : [null],

        // Codes that do not check out are only stored once confirmed; the box stays ticked for them.
        LicenseCodesAreCopied = r.RetailLicenseCodesAreForeign && CalRequestRules.RetailLicenseCodesOf(r)
            .Any(code => IdFormat.RetailLicenseCode.Parse(code).Origin == IdOrigin.ChecksFailed),
        LicenseNumber = r.OpenLicenseNumber,
        AuthorizationNumber = r.OpenLicenseAuthorizationNumber is { } a ? IdFormat.OpenLicenseAuthorizationNumber.Format(a) : null,
        AgreementNumber = r.AgreementNumber,
        ProductVersionCode = r.ProductVersionCode,
        CalTypeCode = r.CalTypeCode,
        Quantity = r.Quantity?.ToString(CultureInfo.InvariantCulture),
    };

    public void ApplyTo(CalRequest r)
    {
        CalRequestRules.ClearProgramReferences(r);
        switch (Program.Kind)
        {
            case ProgramKind.RetailPurchase:
                var codes = EnteredLicenseCodes().Select(code => code.Text).ToList();
                r.RetailLicenseCodes = string.Join('\n', codes.Select(code => IdFormat.RetailLicenseCode.Parse(code).Value));
                r.RetailLicenseCodesAreForeign = codes.Any(code => ForeignIds.IsForeign(IdFormat.RetailLicenseCode, code));
                break;
            case ProgramKind.OpenLicense:
                r.OpenLicenseNumber = IdFormat.OpenLicenseNumber.Parse(LicenseNumber).Value;
                r.OpenLicenseAuthorizationNumber = IdFormat.OpenLicenseAuthorizationNumber.Parse(AuthorizationNumber).Value;
                break;
            case ProgramKind.Agreement:
                r.AgreementNumber = IdFormat.AgreementNumber.Parse(AgreementNumber).Value;
                break;
        }

        r.ProductVersionCode = ProductVersionCode;
        r.CalTypeCode = CalTypeCode;
        r.Quantity = ParseQuantity(Quantity);
    }

    /// <summary>
    /// Whether a code in the issuing alphabet does not check out, so that (in lenient mode) the person may confirm the
    /// codes were copied from the License Pack.
    /// </summary>
    public bool AsksToConfirmLicenseCodes(LicensingMode mode) =>
        Program.Kind == ProgramKind.RetailPurchase &&
        EnteredLicenseCodes().Any(code => ForeignIds.AsksForConfirmation(IdFormat.RetailLicenseCode, code.Text, mode));

    /// <summary>
    /// Whether the form shows the confirmation check box: when it asks (<see cref="AsksToConfirmLicenseCodes"/>) and
    /// either a code was just refused or the box is already ticked (kept ticked when a field is added, and for codes
    /// stored as confirmed). So it appears next to the message that explains it, never on its own.
    /// </summary>
    public bool OffersLicenseCodesConfirmation(LicensingMode mode, bool codesRefused) =>
        AsksToConfirmLicenseCodes(mode) && (codesRefused || LicenseCodesAreCopied);

    /// <summary>The license codes typed in, trimmed, with the number of the field each is in; empty fields left out.</summary>
    public IEnumerable<(int Number, string Text)> EnteredLicenseCodes() =>
        LicenseCodes
            .Select((text, index) => (Number: index + 1, Text: text?.Trim() ?? string.Empty))
            .Where(code => code.Text.Length > 0);

    /// <summary>The name of the field of license code <paramref name="number"/> (from 1), as errors are reported.</summary>
    public static string LicenseCodeField(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(LicenseCodes)}[{number - 1}]");

    /// <summary>The form shows a field for each code, and at least one.</summary>
    public void ShowAtLeastOneLicenseCodeField()
    {
        if (LicenseCodes.Count == 0)
        {
            LicenseCodes.Add(null);
        }
    }

    /// <summary>
    /// Drops the empty license code fields (keeping one when all are empty), so that each code is in the field numbered
    /// by its position among the codes, as it will be when the step is shown again from what was saved.
    /// </summary>
    public void DropEmptyLicenseCodeFields()
    {
        LicenseCodes = [.. EnteredLicenseCodes().Select(code => (string?)code.Text)];
        AddedLicenseCode = null;
        ShowAtLeastOneLicenseCodeField();
    }

    /// <summary>One more empty license code field, unless there are as many as one request takes.</summary>
    public void AddLicenseCodeField()
    {
        ShowAtLeastOneLicenseCodeField();
        AddedLicenseCode = null;
        if (LicenseCodes.Count < CalRequestRules.MaxRetailLicenseCodes)
        {
            LicenseCodes.Add(null);
            AddedLicenseCode = LicenseCodes.Count;
        }
    }

    /// <summary>
    /// Plain digits ("1500") or thousands grouped as the request's language groups them ("1,500"; "1.500" in German),
    /// surrounding spaces ignored. Anything else — a decimal comma or point, a sign, digits of another script — is not
    /// read as a number at all (see <see cref="Quantities"/>).
    /// </summary>
    public static bool IsWellFormedQuantity(string? text) => Quantities.IsWellFormed(text);

    /// <summary>The quantity a well-formed text stands for; null when it is not well-formed or too large for a number.</summary>
    public static int? ParseQuantity(string? text) => Quantities.Parse(text);
}

public sealed class ProgramInputValidator : AbstractValidator<ProgramInput>
{
    private readonly LicensingModeSource _modes;

    public ProgramInputValidator(LicensingModeSource licensing)
    {
        ArgumentNullException.ThrowIfNull(licensing);
        _modes = licensing;
        RuleLevelCascadeMode = CascadeMode.Stop;

        When(x => x.Program.Kind == ProgramKind.RetailPurchase, () =>
            RuleFor(x => x.LicenseCodes).Custom(ValidateLicenseCodes));

        // Messages name the field as the codec does in the language of each validation ("license number").
        When(x => x.Program.Kind == ProgramKind.OpenLicense, () =>
        {
            RuleFor(x => x.LicenseNumber)
                .MustBeId(IdFormat.OpenLicenseNumber, label: null, ErrorCodes.MalformedLicenseNumber);
            RuleFor(x => x.AuthorizationNumber)
                .MustBeId(IdFormat.OpenLicenseAuthorizationNumber, label: null, ErrorCodes.MalformedAuthorizationNumber);
        });

        When(x => x.Program.Kind == ProgramKind.Agreement, () =>
            RuleFor(x => x.AgreementNumber).Custom((value, context) =>
            {
                var label = CatalogueNames.ReferenceInSentence(context.InstanceToValidate.Program);
                if (IdFormat.AgreementNumber.Parse(value, label).Error is { } error)
                {
                    context.AddFailure(new ValidationFailure(context.PropertyPath, error.Message)
                    {
                        ErrorCode = ErrorCodes.MalformedAgreementNumber,
                        CustomState = error,
                    });
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
            .WithMessage(input => CalTypeNotSoldMessage(input.ProductVersionCode!, input.CalTypeCode!))
            .WithErrorCode(ErrorCodes.CalTypeNotSoldForVersion);

        // A well-formed number too large for an int is out of range, not "not a number".
        RuleFor(x => x.Quantity)
            .Must(text => !string.IsNullOrWhiteSpace(text))
            .WithMessage(_ => Texts.Get("Program.Quantity.Required", Catalogue.MinQuantity, Catalogue.MaxQuantity))
            .WithErrorCode(ErrorCodes.MissingValue)
            .Must(ProgramInput.IsWellFormedQuantity)
            .WithMessage(_ => Texts.Get("Program.Quantity.Malformed", 25, 1500))
            .WithErrorCode(ErrorCodes.MalformedQuantity)
            .Must(text => ProgramInput.ParseQuantity(text) is >= Catalogue.MinQuantity and <= Catalogue.MaxQuantity)
            .WithMessage(_ => Texts.Get("Program.Quantity.OutOfRange", Catalogue.MinQuantity, Catalogue.MaxQuantity))
            .WithErrorCode(ErrorCodes.QuantityOutOfRange);
    }

    // Each failure names the field of the code it concerns, so it shows next to that field and its summary link goes there.
    private void ValidateLicenseCodes(List<string?> _, ValidationContext<ProgramInput> context)
    {
        var input = context.InstanceToValidate;
        var codes = input.EnteredLicenseCodes().ToList();
        if (codes.Count == 0)
        {
            context.AddFailure(new ValidationFailure(ProgramInput.LicenseCodeField(1),
                Texts.Get("Program.LicenseCodes.Required", IdFormat.RetailLicenseCode.ShapeDescription))
            {
                ErrorCode = ErrorCodes.MalformedLicenseCode,
            });
            return;
        }

        if (codes.Count > CalRequestRules.MaxRetailLicenseCodes)
        {
            context.AddFailure(new ValidationFailure(ProgramInput.LicenseCodeField(codes[CalRequestRules.MaxRetailLicenseCodes].Number),
                Texts.Get("Program.LicenseCodes.TooMany", CalRequestRules.MaxRetailLicenseCodes))
            {
                ErrorCode = ErrorCodes.TooManyLicenseCodes,
            });
            return;
        }

        // With one field there is nothing to tell apart; with several, each message names the field's number.
        var numbered = input.LicenseCodes.Count > 1;
        var howToConfirm = Texts.Get("Program.LicenseCodes.HowToConfirm", Labels.LicenseCodesAreCopied);
        var seen = new Dictionary<string, int>();
        foreach (var (number, text) in codes)
        {
            var field = ProgramInput.LicenseCodeField(number);
            var label = numbered ? Labels.LicenseCodeInSentence(number) : IdFormat.RetailLicenseCode.Name;
            var failure = ForeignIds.Check(IdFormat.RetailLicenseCode, text, label, _modes.Current, input.LicenseCodesAreCopied,
                howToConfirm, ErrorCodes.LicenseCode, field);
            if (failure is not null)
            {
                context.AddFailure(failure);
            }
            else if (IdFormat.RetailLicenseCode.Parse(text).Value is { } code && !seen.TryAdd(code, number))
            {
                context.AddFailure(new ValidationFailure(field, Texts.Get("Program.LicenseCodes.Repeated", Labels.LicenseCode(number), seen[code]))
                {
                    ErrorCode = ErrorCodes.RepeatedLicenseCode,
                });
            }
        }
    }

    private static string CalTypeNotSoldMessage(string versionCode, string calTypeCode)
    {
        var sold = Catalogue.CalTypesFor(versionCode).Select(CatalogueNames.Of).ToList();
        return Texts.Get("Program.CalType.NotSold", CatalogueNames.CalType(calTypeCode), CatalogueNames.ProductVersion(versionCode),
            Texts.JoinOr(sold));
    }
}

using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;

namespace Clearinghouse.Web.Lab;

/// <summary>Fault injection on the license-server API (/api/v1, not the lab's own /api/v1/lab).</summary>
/// <param name="DelayMilliseconds">Added to every call, 0 to <see cref="FaultSettingsValidator.MaxDelayMilliseconds"/>.</param>
/// <param name="ErrorRate">The fraction of calls answered 503 (0 to 1).</param>
/// <param name="OutageFrom">With <paramref name="OutageTo"/>: every call in [from, to) UTC is answered 503.</param>
public sealed record FaultSettings(int DelayMilliseconds, double ErrorRate, DateTimeOffset? OutageFrom, DateTimeOffset? OutageTo)
{
    public static FaultSettings Of(LabSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(snapshot.FaultDelayMilliseconds, snapshot.FaultErrorRate, snapshot.OutageFrom, snapshot.OutageTo);
    }

    public bool IsOff => DelayMilliseconds == 0 && ErrorRate == 0 && OutageFrom is null;

    /// <summary>One line for the audit trail, in English.</summary>
    public string Describe() => IsOff ? "off" : string.Create(CultureInfo.InvariantCulture,
        $"delay {DelayMilliseconds} ms, error rate {ErrorRate:0.###}, outage {(OutageFrom is { } from ? $"{from:u} to {OutageTo:u}" : "none")}");
}

public sealed class FaultSettingsValidator : AbstractValidator<FaultSettings>
{
    public const int MaxDelayMilliseconds = 60_000;

    public FaultSettingsValidator()
    {
        RuleFor(x => x.DelayMilliseconds).InclusiveBetween(0, MaxDelayMilliseconds)
            .WithMessage(_ => Texts.Get("Lab.Faults.Delay.OutOfRange", 0, MaxDelayMilliseconds))
            .WithErrorCode(ErrorCodes.LabDelayOutOfRange);
        RuleFor(x => x.ErrorRate).Must(rate => rate is >= 0 and <= 1)
            .WithMessage(_ => Texts.Get("Lab.Faults.ErrorRate.OutOfRange"))
            .WithErrorCode(ErrorCodes.LabErrorRateOutOfRange);
        RuleFor(x => x.OutageTo).NotNull().When(x => x.OutageFrom is not null)
            .WithMessage(_ => Texts.Get("Lab.Faults.Outage.Incomplete"))
            .WithErrorCode(ErrorCodes.LabOutageIncomplete);
        RuleFor(x => x.OutageFrom).NotNull().When(x => x.OutageTo is not null)
            .WithMessage(_ => Texts.Get("Lab.Faults.Outage.Incomplete"))
            .WithErrorCode(ErrorCodes.LabOutageIncomplete);
        RuleFor(x => x.OutageTo).Must((x, to) => to > x.OutageFrom).When(x => x.OutageFrom is not null && x.OutageTo is not null)
            .WithMessage(_ => Texts.Get("Lab.Faults.Outage.EndsBeforeStart"))
            .WithErrorCode(ErrorCodes.LabOutageEndsBeforeStart);
    }
}

/// <summary>The ID seed as typed: empty for random IDs.</summary>
public sealed record IdSeedInput(string? Seed);

public sealed class IdSeedInputValidator : AbstractValidator<IdSeedInput>
{
    public IdSeedInputValidator()
    {
        RuleFor(x => x.Seed).MaximumLength(FieldLengths.LabIdSeed)
            .WithMessage(_ => Texts.Get("Lab.Seed.TooLong", FieldLengths.LabIdSeed))
            .WithErrorCode(ErrorCodes.LabSeedTooLong)
            .Must(seed => seed is null || !seed.Any(char.IsControl))
            .WithMessage(_ => Texts.Get("Lab.Seed.Control"))
            .WithErrorCode(ErrorCodes.ForbiddenCharacter);
    }
}

/// <summary>A country or region's telephone number as a lab administrator typed it.</summary>
public sealed record PhoneNumberInput(string? CountryRegionCode, string? PhoneNumber);

public sealed class PhoneNumberInputValidator : AbstractValidator<PhoneNumberInput>
{
    public PhoneNumberInputValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.CountryRegionCode)
            .Must(code => Catalogue.FindCountryRegion(code) is not null)
            .WithMessage(_ => Texts.Get("Lab.Phone.Country.Required"))
            .WithErrorCode(ErrorCodes.UnknownCountryRegion);
        RuleFor(x => x.PhoneNumber)
            .Must(text => !string.IsNullOrWhiteSpace(text))
            .WithMessage(_ => Texts.Get("Lab.Phone.Number.Required"))
            .WithErrorCode(ErrorCodes.MissingValue)
            .Must(text => PhoneNumbers.IsPlausible(text))
            .WithMessage(_ => Texts.Get("Lab.Phone.Number.Malformed", PhoneNumbers.MinDigits, PhoneNumbers.MaxDigits))
            .WithErrorCode(ErrorCodes.MalformedPhone);
    }
}

/// <summary>
/// What a telephone number shown to callers may look like: international format — a plus sign, then 7 to 15 digits
/// (E.164's most), grouped by spaces, hyphens, dots or parentheses as people write them ("+1 (555) 010-0100").
/// </summary>
public static class PhoneNumbers
{
    public const int MinDigits = 7;

    public const int MaxDigits = 15;

    public static bool IsPlausible(string? text)
    {
        if (text is null || text.Length > FieldLengths.Phone)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('+') || trimmed.Length < 2 || !char.IsAsciiDigit(trimmed[1]))
        {
            return false;
        }

        var digits = 0;
        foreach (var c in trimmed.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        return digits is >= MinDigits and <= MaxDigits;
    }

    /// <summary>The number as stored: trimmed, runs of spaces made one.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

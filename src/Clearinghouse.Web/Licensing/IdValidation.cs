using FluentValidation;
using FluentValidation.Results;

namespace Clearinghouse.Web.Licensing;

public static class IdValidation
{
    /// <summary>
    /// The property must read as <paramref name="format"/> and, when written in the issuing alphabet, check out; the
    /// failure carries the codec's message (which group, which character, what length) and the <see cref="IdError"/>
    /// as its custom state.
    /// </summary>
    /// <param name="label">
    /// The field's name within a sentence; null for the format's own name in the language of each validation (a
    /// validator is built once, for every language).
    /// </param>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeId<T>(
        this IRuleBuilder<T, string?> rule, IdFormat format, string? label, string errorCode) =>
        rule.Custom((value, context) =>
        {
            if (format.Parse(value, label).Error is { } error)
            {
                context.AddFailure(new ValidationFailure(context.PropertyPath, error.Message)
                {
                    ErrorCode = errorCode,
                    CustomState = error,
                });
            }
        });

    /// <summary>
    /// The property must have the shape of <paramref name="format"/> (length, letters or digits); whether its groups
    /// check out is not asked. For an ID that is then looked up, so that what it matches decides, not its check
    /// characters.
    /// </summary>
    /// <param name="label">As for <see cref="MustBeId{T}"/>.</param>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeWellFormedId<T>(
        this IRuleBuilder<T, string?> rule, IdFormat format, string? label, string errorCode) =>
        rule.Custom((value, context) =>
        {
            var parsed = format.Parse(value, label);
            if (!parsed.IsWellFormed && parsed.Error is { } error)
            {
                context.AddFailure(new ValidationFailure(context.PropertyPath, error.Message)
                {
                    ErrorCode = errorCode,
                    CustomState = error,
                });
            }
        });

    /// <summary>
    /// The property is an ID that may come from elsewhere (a License Server ID), taken as <see cref="ForeignIds"/>
    /// says for <paramref name="mode"/>.
    /// </summary>
    /// <param name="label">The field's name in messages; asked for at each validation, in that request's language.</param>
    /// <param name="confirmed">Whether the person confirmed the ID was copied from elsewhere.</param>
    /// <param name="howToConfirm">
    /// Appended to the message when that confirmation is what is missing; asked for at each validation, like the label.
    /// </param>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeIdFromAnywhere<T>(
        this IRuleBuilder<T, string?> rule,
        IdFormat format,
        Func<string> label,
        Func<LicensingMode> mode,
        Func<T, bool> confirmed,
        Func<string> howToConfirm,
        ForeignIdErrorCodes codes) =>
        rule.Custom((value, context) =>
        {
            var confirmedNow = confirmed(context.InstanceToValidate);
            var failure = ForeignIds.Check(format, value, label(), mode(), confirmedNow, howToConfirm(), codes, context.PropertyPath);
            if (failure is not null)
            {
                context.AddFailure(failure);
            }
        });
}

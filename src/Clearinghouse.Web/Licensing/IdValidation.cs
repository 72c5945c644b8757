using FluentValidation;

namespace Clearinghouse.Web.Licensing;

public static class IdValidation
{
    /// <summary>
    /// The property must read as <paramref name="format"/>; the failure carries the codec's message (which group,
    /// which character, what length) and the <see cref="IdError"/> as its custom state.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, string?> MustBeId<T>(
        this IRuleBuilder<T, string?> rule, IdFormat format, string label, string errorCode) =>
        rule.Custom((value, context) =>
        {
            if (format.Parse(value, label).Error is { } error)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, error.Message)
                {
                    ErrorCode = errorCode,
                    CustomState = error,
                });
            }
        });
}

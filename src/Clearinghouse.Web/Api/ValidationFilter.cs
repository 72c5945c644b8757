using FluentValidation;

namespace Clearinghouse.Web.Api;

/// <summary>
/// The one place API input is validated: runs the FluentValidation validator for the endpoint's
/// <typeparamref name="T"/> argument and answers 400 problem details when it fails.
/// </summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<T>().FirstOrDefault() is not { } argument)
        {
            return await next(context);
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : ApiProblems.Invalid(result.Errors);
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesProblem(StatusCodes.Status400BadRequest);
}

using System.Reflection;
using Clearinghouse.Web.Licensing;
using FluentValidation;

namespace Clearinghouse.Web.Api;

/// <summary>
/// The one place API input is validated: runs the FluentValidation validator for the endpoint's <c>T</c> argument and
/// answers 400 problem details when it fails.
/// </summary>
public static class ValidationFilter
{
    /// <summary>Validates the handler's <typeparamref name="T"/> argument before the handler runs.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilterFactory(Create<T>).ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>
    /// Runs once, when the endpoint is built (at start-up: see <see cref="LicenseServerApi.AddLicenseServerApi"/>). A
    /// handler with no <typeparamref name="T"/> parameter, or a <typeparamref name="T"/> with no validator, is a
    /// mistake in the code: it stops the portal there and then, rather than letting requests through unvalidated.
    /// </summary>
    internal static EndpointFilterDelegate Create<T>(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var parameters = context.MethodInfo.GetParameters();
        var index = Array.FindIndex(parameters, p => typeof(T).IsAssignableFrom(p.ParameterType));
        if (index < 0)
        {
            throw new InvalidOperationException(
                $"The endpoint handled by {Describe(context.MethodInfo)} is to validate its {typeof(T).Name} argument, but " +
                $"the handler takes no {typeof(T).Name} (it takes {Describe(parameters)}). Give it a {typeof(T).Name} " +
                "parameter, or validate the type it does take.");
        }

        var validator = context.ApplicationServices.GetService<IValidator<T>>()
            ?? throw new InvalidOperationException(
                $"The endpoint handled by {Describe(context.MethodInfo)} is to validate its {typeof(T).Name} argument, but " +
                $"no IValidator<{typeof(T).Name}> is registered.");

        return async invocation =>
        {
            if (invocation.Arguments[index] is not T argument)
            {
                // An optional body that was not sent: there is nothing to validate, so nothing to take either.
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest,
                    "The request is not valid.", "The request is missing its body. Send one as documented at /swagger.");
            }

            var result = await validator.ValidateAsync(argument, invocation.HttpContext.RequestAborted);
            return result.IsValid ? await next(invocation) : ApiProblems.Invalid(result.Errors);
        };
    }

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.Name}.{method.Name}";

    private static string Describe(ParameterInfo[] parameters) => parameters.Length == 0
        ? "no parameters"
        : string.Join(", ", parameters.Select(p => $"{p.ParameterType.Name} {p.Name}"));
}

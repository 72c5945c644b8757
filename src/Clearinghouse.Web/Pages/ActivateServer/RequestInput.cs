using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;

namespace Clearinghouse.Web.Pages.ActivateServer;

/// <summary>Step 1: the license server to activate, by the Product ID Windows gives it and the operating system it runs.</summary>
public sealed record RequestInput
{
    public string? ProductId { get; set; }

    public string? OperatingSystemCode { get; set; }

    public static RequestInput From(CalRequest request) => new()
    {
        ProductId = request.ProductId is { } productId ? IdFormat.ProductId.Format(productId) : null,
        OperatingSystemCode = request.OperatingSystemCode,
    };

    /// <summary>Copies validated input onto the request, the Product ID in its canonical form.</summary>
    public void ApplyTo(CalRequest request)
    {
        request.ProductId = IdFormat.ProductId.Parse(ProductId).Value;
        request.OperatingSystemCode = OperatingSystemCode;
    }
}

/// <remarks>
/// Registered as a singleton, so every message is made when a request is validated, in that request's language.
/// </remarks>
public sealed class RequestInputValidator : AbstractValidator<RequestInput>
{
    public RequestInputValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        // A Product ID comes from Windows, not from here: it is read for its shape (which group, which character, what
        // length is wrong), and any well-formed one is taken.
        RuleFor(x => x.ProductId).Custom((value, context) =>
        {
            if (IdFormat.ProductId.Parse(value, Texts.Get("Activate.ProductId.Label")).Error is { } error)
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(context.PropertyPath, error.Message)
                {
                    ErrorCode = ErrorCodes.MalformedProductId,
                    CustomState = error,
                });
            }
        });
        RuleFor(x => x.OperatingSystemCode)
            .Must(code => Catalogue.FindOperatingSystem(code) is not null)
            .WithMessage(_ => Texts.Get("Activate.OperatingSystem.Missing"))
            .WithErrorCode(ErrorCodes.UnknownOperatingSystem);
    }
}

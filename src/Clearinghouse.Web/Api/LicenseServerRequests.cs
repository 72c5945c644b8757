using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using FluentValidation;
using FluentValidation.Results;

namespace Clearinghouse.Web.Api;

/// <summary>Where the company's premises are; every part optional.</summary>
public sealed record AddressBody(string? Street, string? City, string? StateProvince, string? PostalCode);

/// <summary>Who runs the license server, as the site's contact step asks it.</summary>
/// <param name="CountryRegion">ISO 3166 code, e.g. <c>US</c>.</param>
public sealed record CompanyBody(
    string? FirstName,
    string? LastName,
    string? CompanyName,
    string? CountryRegion,
    string? Email = null,
    string? Phone = null,
    string? OrganizationalUnit = null,
    AddressBody? Address = null)
{
    public ContactInput ToContactInput() => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        CompanyName = CompanyName,
        CountryRegionCode = CountryRegion?.Trim().ToUpperInvariant(),
        Email = Email,
        Phone = Phone,
        OrganizationalUnit = OrganizationalUnit,
        StreetAddress = Address?.Street,
        City = Address?.City,
        StateProvince = Address?.StateProvince,
        PostalCode = Address?.PostalCode,
    };
}

/// <summary>Activate a license server.</summary>
/// <param name="ProductId">The Product ID Windows shows: 4 groups of 5 (00490-92005-99454-AT527).</param>
/// <param name="OperatingSystem">An operating system code from the catalogue, e.g. <c>windows-server-2022</c>.</param>
public sealed record ActivationBody(string? ProductId, string? OperatingSystem, CompanyBody? Company);

/// <summary>Reactivate a license server.</summary>
/// <param name="Reason">A reactivation reason code from the catalogue, e.g. <c>redeployed</c>.</param>
public sealed record ReactivationBody(string? Reason);

/// <summary>
/// Request CALs directly (the automatic connection method): a first installation, or a migration of CALs to this server.
/// </summary>
/// <param name="Kind"><c>install</c> or <c>migrate</c>.</param>
/// <param name="Reason">A migration's reason code (<c>replaced</c>, <c>not-functioning</c>); required for <c>migrate</c>.</param>
/// <param name="SourceLicenseServerId">For a migration, the server the CALs come from; checked for its shape only.</param>
/// <param name="LicenseProgram">A license program code, e.g. <c>enterprise-agreement</c>.</param>
/// <param name="AgreementNumber">For agreement programs: 7 digits.</param>
/// <param name="LicenseNumber">For Open License: 8 digits.</param>
/// <param name="AuthorizationNumber">For Open License: 15 letters or digits.</param>
/// <param name="LicenseCodes">For License Pack (retail): the 25-character license codes.</param>
/// <param name="ProductVersion">A product version code, e.g. <c>windows-server-2022</c>.</param>
/// <param name="CalType">A CAL type code sold for that version, e.g. <c>rds-per-user</c>.</param>
/// <param name="Quantity">1 to 9,999.</param>
public sealed record CalRequestBody(
    string? Kind,
    string? Reason,
    string? SourceLicenseServerId,
    string? LicenseProgram,
    string? AgreementNumber,
    string? LicenseNumber,
    string? AuthorizationNumber,
    IReadOnlyList<string?>? LicenseCodes,
    string? ProductVersion,
    string? CalType,
    int? Quantity)
{
    public const string Install = "install";
    public const string Migrate = "migrate";

    public RequestKind RequestKind => Kind == Migrate ? RequestKind.ManageCals : RequestKind.InstallCals;

    /// <summary>The program details as the site's program step takes them, so that one validator checks both.</summary>
    public ProgramInput ToProgramInput() => new()
    {
        Program = Catalogue.FindProgram(LicenseProgram) ?? Catalogue.Programs[0],
        LicenseCodes = [.. LicenseCodes ?? []],

        // A license server sends the codes it holds; nobody typed them, so nobody is asked to confirm them (lenient
        // mode takes codes from elsewhere, strict mode still refuses them).
        LicenseCodesAreCopied = true,
        LicenseNumber = LicenseNumber,
        AuthorizationNumber = AuthorizationNumber,
        AgreementNumber = AgreementNumber,
        ProductVersionCode = ProductVersion,
        CalTypeCode = CalType,

        // A number below 1 is out of range, not "not a number" (the site reads text, where a sign is malformed).
        Quantity = Quantity is { } quantity ? Math.Max(0, quantity).ToString(CultureInfo.InvariantCulture) : null,
    };
}

/// <summary>The failures of a validator of the site's inputs, under the names the API's request gives the fields.</summary>
internal static class ApiFields
{
    public static void AddAs<T>(this ValidationContext<T> context, ValidationResult result, Func<string, string> rename)
    {
        foreach (var failure in result.Errors)
        {
            context.AddFailure(new ValidationFailure(rename(failure.PropertyName), failure.ErrorMessage)
            {
                ErrorCode = failure.ErrorCode,
                CustomState = failure.CustomState,
            });
        }
    }
}

public sealed class ActivationBodyValidator : AbstractValidator<ActivationBody>
{
    public ActivationBodyValidator(IValidator<ContactInput> contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        RuleFor(x => x.ProductId).MustBeWellFormedId(IdFormat.ProductId, "Product ID", ErrorCodes.MalformedProductId);
        RuleFor(x => x.OperatingSystem)
            .Must(code => Catalogue.FindOperatingSystem(code) is not null)
            .WithErrorCode(ErrorCodes.UnknownOperatingSystem)
            .WithMessage(_ => "Send the operating system the license server runs, as a code from GET /api/v1/catalog " +
                $"(operatingSystems), e.g. \"{Catalogue.SourceOperatingSystems[^1].Code}\".");
        RuleFor(x => x.Company)
            .NotNull().WithErrorCode(ErrorCodes.MissingValue)
            .WithMessage("Send the company information: {\"firstName\", \"lastName\", \"companyName\", \"countryRegion\"}.");
        RuleFor(x => x.Company).Custom((company, context) =>
        {
            if (company is not null)
            {
                context.AddAs(contact.Validate(company.ToContactInput()), field => field switch
                {
                    nameof(ContactInput.CountryRegionCode) => "countryRegion",
                    nameof(ContactInput.StreetAddress) => "street",
                    _ => field,
                });
            }
        });
    }
}

public sealed class ReactivationBodyValidator : AbstractValidator<ReactivationBody>
{
    public ReactivationBodyValidator() =>
        RuleFor(x => x.Reason)
            .Must(code => Catalogue.FindReason(code)?.Purpose == ReasonPurpose.Reactivation)
            .WithErrorCode(ErrorCodes.UnknownReason)
            .WithMessage(_ => "Send the reason for reactivating, as a code from GET /api/v1/catalog (reactivationReasons): " +
                string.Join(", ", Catalogue.Reasons.Where(r => r.Purpose == ReasonPurpose.Reactivation).Select(r => r.Code)) + ".");
}

public sealed class CalRequestBodyValidator : AbstractValidator<CalRequestBody>
{
    public CalRequestBodyValidator(IValidator<ProgramInput> program)
    {
        ArgumentNullException.ThrowIfNull(program);
        RuleFor(x => x.Kind)
            .Must(kind => kind is CalRequestBody.Install or CalRequestBody.Migrate)
            .WithErrorCode(ErrorCodes.InvalidRequest)
            .WithMessage("Send the kind of request: \"install\" (a first installation) or \"migrate\" (CALs moved to this server).");
        When(x => x.Kind == CalRequestBody.Migrate, () =>
        {
            RuleFor(x => x.Reason)
                .Must(code => Catalogue.FindReason(code)?.Purpose == ReasonPurpose.Recovery)
                .WithErrorCode(ErrorCodes.UnknownReason)
                .WithMessage(_ => "A migration needs its reason, as a code from GET /api/v1/catalog (migrationReasons): " +
                    string.Join(", ", Catalogue.RecoveryReasons.Select(r => r.Code)) + ".");
            RuleFor(x => x.SourceLicenseServerId)
                .MustBeWellFormedId(IdFormat.LicenseServerId, "source License Server ID", ErrorCodes.MalformedLicenseServerId)
                .When(x => x.SourceLicenseServerId is not null);
        });
        RuleFor(x => x.LicenseProgram)
            .Must(code => Catalogue.FindProgram(code) is not null)
            .WithErrorCode(ErrorCodes.UnknownLicenseProgram)
            .WithMessage(_ => "Send the license program, as a code from GET /api/v1/catalog (programs): " +
                string.Join(", ", Catalogue.Programs.Select(p => p.Code)) + ".");
        RuleFor(x => x).Custom((body, context) =>
        {
            if (Catalogue.FindProgram(body.LicenseProgram) is null)
            {
                return;
            }

            context.AddAs(program.Validate(body.ToProgramInput()), field => field switch
            {
                nameof(ProgramInput.ProductVersionCode) => "productVersion",
                nameof(ProgramInput.CalTypeCode) => "calType",
                _ => field,
            });
        });
    }
}

using System.Text.RegularExpressions;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>Step 2: who is asking. Four fields are required; the rest help support find the request later.</summary>
public sealed record ContactInput
{
    public string? LastName { get; set; }

    public string? FirstName { get; set; }

    public string? CompanyName { get; set; }

    public string? CountryRegionCode { get; set; }

    public string? OrganizationalUnit { get; set; }

    public string? StreetAddress { get; set; }

    public string? City { get; set; }

    public string? StateProvince { get; set; }

    public string? PostalCode { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public static ContactInput From(CalRequest r) => new()
    {
        LastName = r.LastName,
        FirstName = r.FirstName,
        CompanyName = r.CompanyName,
        CountryRegionCode = r.CountryRegionCode,
        OrganizationalUnit = r.OrganizationalUnit,
        StreetAddress = r.StreetAddress,
        City = r.City,
        StateProvince = r.StateProvince,
        PostalCode = r.PostalCode,
        Email = r.Email,
        Phone = r.Phone,
    };

    public void ApplyTo(CalRequest r)
    {
        r.LastName = Clean(LastName);
        r.FirstName = Clean(FirstName);
        r.CompanyName = Clean(CompanyName);
        r.CountryRegionCode = Clean(CountryRegionCode);
        r.OrganizationalUnit = Clean(OrganizationalUnit);
        r.StreetAddress = Clean(StreetAddress);
        r.City = Clean(City);
        r.StateProvince = Clean(StateProvince);
        r.PostalCode = Clean(PostalCode);
        r.Email = Clean(Email);
        r.Phone = Clean(Phone);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <remarks>
/// Built once for every request (a singleton), so each message is looked up when a request is validated, in its
/// language: labels are passed as functions, never as the text of the language the validator was built in.
/// </remarks>
public sealed partial class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        Required(x => x.LastName, "Contact.LastName.Required", FieldLengths.Name, () => Labels.LastName);
        Required(x => x.FirstName, "Contact.FirstName.Required", FieldLengths.Name, () => Labels.FirstName);
        Required(x => x.CompanyName, "Contact.CompanyName.Required", FieldLengths.Name, () => Labels.CompanyName);
        RuleFor(x => x.CountryRegionCode)
            .Must(code => Catalogue.FindCountryRegion(code?.Trim()) is not null)
            .WithMessage(_ => Texts.Get("Contact.CountryRegion.Required"))
            .WithErrorCode(ErrorCodes.UnknownCountryRegion);

        Optional(x => x.OrganizationalUnit, FieldLengths.Name, () => Labels.OrganizationalUnit);
        Optional(x => x.StreetAddress, FieldLengths.Text, () => Labels.StreetAddress);
        Optional(x => x.City, FieldLengths.Name, () => Labels.City);
        Optional(x => x.StateProvince, FieldLengths.Name, () => Labels.StateProvince);
        Optional(x => x.PostalCode, FieldLengths.PostalCode, () => Labels.PostalCode);
        Optional(x => x.Email, FieldLengths.Email, () => Labels.Email)
            .Must(email => EmailShape().IsMatch(email!.Trim()))
            .When(x => !string.IsNullOrWhiteSpace(x.Email))
            .WithMessage(_ => Texts.Get("Contact.Email.Malformed"))
            .WithErrorCode(ErrorCodes.MalformedEmail);
        Optional(x => x.Phone, FieldLengths.Phone, () => Labels.Phone)
            .Must(phone => PhoneShape().IsMatch(phone!.Trim()))
            .When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage(_ => Texts.Get("Contact.Phone.Malformed"))
            .WithErrorCode(ErrorCodes.MalformedPhone);
    }

    // Every field is stored, shown and written to the receipt: one line of plain text, then no longer than its column.
    private void Required(System.Linq.Expressions.Expression<Func<ContactInput, string?>> field, string messageKey,
        int maxLength, Func<string> label) =>
        RuleFor(field)
            .Must(value => !string.IsNullOrWhiteSpace(value)).WithMessage(_ => Texts.Get(messageKey)).WithErrorCode(ErrorCodes.MissingValue)
            .MustBePlainText(label)
            .Must(value => value!.Trim().Length <= maxLength)
            .WithMessage(_ => Texts.Get("Contact.TooLong", label(), maxLength))
            .WithErrorCode(ErrorCodes.TooLong);

    private IRuleBuilderOptions<ContactInput, string?> Optional(
        System.Linq.Expressions.Expression<Func<ContactInput, string?>> field, int maxLength, Func<string> label) =>
        RuleFor(field)
            .MustBePlainText(label)
            .Must(value => value is null || value.Trim().Length <= maxLength)
            .WithMessage(_ => Texts.Get("Contact.TooLong", label(), maxLength))
            .WithErrorCode(ErrorCodes.TooLong);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9 ()\-.]{4,}( *(x|ext\.?) *[0-9]{1,6})?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneShape();
}

using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;

namespace Clearinghouse.Tests.Pages.Flows;

public sealed class ContactInputValidatorTests
{
    private static readonly ContactInputValidator Validator = new();

    private static ContactInput Valid() => new()
    {
        LastName = "Doe",
        FirstName = "Jane",
        CompanyName = "Contoso",
        CountryRegionCode = "NZ",
    };

    [Fact]
    public void Validate_WhenOnlyTheRequiredFieldsAreGiven_Passes() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Fact]
    public void Validate_WhenRequiredFieldsAreBlank_NamesEachOne()
    {
        var result = Validator.Validate(new ContactInput { LastName = "  ", FirstName = "", CountryRegionCode = "ZZ" });

        Assert.Equal(
            [
                "Enter your last name or surname.",
                "Enter your first name or given name.",
                "Enter the name of your company.",
                "Choose your country or region.",
            ],
            result.Errors.Select(e => e.ErrorMessage));
    }

    [Theory]
    [InlineData("jane@example.com", true)]
    [InlineData("jane.doe+cal@sub.example.co.uk", true)]
    [InlineData("jane@", false)]
    [InlineData("jane example.com", false)]
    public void Validate_ChecksTheShapeOfAnEmailAddress(string email, bool valid)
    {
        var input = Valid();
        input.Email = email;

        Assert.Equal(valid, Validator.Validate(input).IsValid);
    }

    [Theory]
    [InlineData("+1 (425) 555-0100", true)]
    [InlineData("020 7946 0000 ext. 12", true)]
    [InlineData("call me", false)]
    public void Validate_ChecksTheShapeOfAPhoneNumber(string phone, bool valid)
    {
        var input = Valid();
        input.Phone = phone;

        Assert.Equal(valid, Validator.Validate(input).IsValid);
    }

    public static TheoryData<string, string> FreeTextFields => new()
    {
        { nameof(ContactInput.LastName), "Last name or surname" },
        { nameof(ContactInput.FirstName), "First name or given name" },
        { nameof(ContactInput.CompanyName), "Company name" },
        { nameof(ContactInput.OrganizationalUnit), "Organizational unit" },
        { nameof(ContactInput.StreetAddress), "Company address" },
        { nameof(ContactInput.City), "City" },
        { nameof(ContactInput.StateProvince), "State/province" },
        { nameof(ContactInput.PostalCode), "Postal code" },
        { nameof(ContactInput.Email), "E-mail" },
        { nameof(ContactInput.Phone), "Phone" },
    };

    [Theory]
    [MemberData(nameof(FreeTextFields))]
    public void Validate_EveryFreeTextField_RefusesLineBreaksControlCharactersAndBidiControlsNamingTheField(string field, string label)
    {
        foreach (var (bad, what) in new[]
        {
            ("12\n34", "a line break at character 3"),
            ("12\t34", "a tab at character 3"),
            ("12\u001B34", "the control character U+001B at character 3"),
            ("12\u202E34", "U+202E at character 3"),
            ("12\u206734", "U+2067 at character 3"),
        })
        {
            var input = Valid();
            typeof(ContactInput).GetProperty(field)!.SetValue(input, bad);

            var error = Assert.Single(Validator.Validate(input).Errors);

            Assert.Equal(field, error.PropertyName);
            Assert.StartsWith($"{label} contains {what}", error.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal("forbidden-character", error.ErrorCode);
        }
    }

    [Fact]
    public void Validate_WhenAFieldIsTooLong_SaysTheLimit()
    {
        var input = Valid();
        input.City = new string('x', FieldLengths.Name + 1);

        Assert.Equal("City must be 100 characters or fewer.", Assert.Single(Validator.Validate(input).Errors).ErrorMessage);
    }
}

using System.Security.Cryptography;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.ManageCals;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Tests.Pages.ManageCals;

public sealed class RequestInputValidatorTests
{
    private static readonly RequestInputValidator Validator = new(Options.Create(new LicensingOptions()));

    private static readonly RequestInputValidator StrictValidator =
        new(Options.Create(new LicensingOptions { Mode = LicensingMode.Strict }));

    private static RequestInput Valid() => new()
    {
        TargetLicenseServerId = IdFormat.LicenseServerId.Generate(RandomNumberGenerator.Create()),
        ReasonCode = "replaced",
        LicenseProgramCode = "select-license",
    };

    [Fact]
    public void Validate_WhenEverythingIsGiven_Passes() => Assert.True(Validator.Validate(Valid()).IsValid);

    [Fact]
    public void Validate_WhenNothingIsGiven_SaysWhatToEnterForEachField()
    {
        var result = Validator.Validate(new RequestInput());

        Assert.Equal(
            ["TargetLicenseServerId", "ReasonCode", "LicenseProgramCode"],
            result.Errors.Select(e => e.PropertyName));
        Assert.Equal("Enter the Target License Server ID.", result.Errors[0].ErrorMessage);
    }

    [Fact]
    public void Validate_WhenTheServerIdHasAMistypedGroup_NamesTheGroup()
    {
        var input = Valid();
        var id = input.TargetLicenseServerId!.ToCharArray();
        var i = 11; // the second character of group 3
        id[i] = id[i] == 'B' ? 'C' : 'B';
        input.TargetLicenseServerId = new string(id);

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.StartsWith("Group 3 of the Target License Server ID does not check out", error.ErrorMessage);
    }

    [Fact]
    public void Validate_WhenTheServerIdIsForeign_Passes()
    {
        var input = Valid();
        input.TargetLicenseServerId = "12345-67890-ABCDE-FGHIJ-KLMNO-PQRST-UVWXY";

        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_Lenient_WhenAnIdInTheAlphabetDoesNotCheckOut_AsksForConfirmationAndTakesItOnceGiven()
    {
        var input = Valid();
        input.TargetLicenseServerId = AlphabetOnlyIds.New(IdFormat.LicenseServerId);

        var error = Assert.Single(Validator.Validate(input).Errors);
        input.TargetLicenseServerIdIsCopied = true;

        Assert.Equal("unconfirmed-foreign-license-server-id", error.ErrorCode);
        Assert.EndsWith("If you copied it from the license server, tick \"I copied this ID from the license server; use it as entered\".",
            error.ErrorMessage, StringComparison.Ordinal);
        Assert.True(input.AsksToConfirmTarget(LicensingMode.Lenient));
        Assert.False(input.AsksToConfirmTarget(LicensingMode.Strict));
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_Strict_WhenAnIdDoesNotCheckOut_IsATypingErrorEvenIfConfirmed()
    {
        var input = Valid();
        input.TargetLicenseServerId = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        input.TargetLicenseServerIdIsCopied = true;

        var error = Assert.Single(StrictValidator.Validate(input).Errors);

        Assert.Equal("malformed-license-server-id", error.ErrorCode);
        Assert.StartsWith("Groups 1, 2, 3, 4, 5, 6 and 7 of the Target License Server ID do not check out: a character is mistyped",
            error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Strict_WhenTheIdHasCharactersOutsideTheAlphabet_SaysOnlyIdsIssuedHereCount()
    {
        var input = Valid();
        input.TargetLicenseServerId = "12345-67890-ABCDE-FGHIJ-KLMNO-PQRST-UVWXY";

        var error = Assert.Single(StrictValidator.Validate(input).Errors);

        Assert.Equal("license-server-id-not-issued-here", error.ErrorCode);
        Assert.EndsWith("In strict mode only License Server IDs issued here are accepted.", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Strict_WhenTheIdIsOurs_Passes() => Assert.True(StrictValidator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData("redeployed")] // a reactivation reason, not a recovery reason
    [InlineData("nonsense")]
    public void Validate_WhenTheReasonIsNotARecoveryReason_IsRefused(string reason)
    {
        var input = Valid();
        input.ReasonCode = reason;

        Assert.Equal("Choose the reason for recovery.", Assert.Single(Validator.Validate(input).Errors).ErrorMessage);
    }
}

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

public sealed class ProgramInputValidatorTests
{
    private static readonly ProgramInputValidator Validator = new(Options.Create(new LicensingOptions()));

    private static readonly ProgramInputValidator StrictValidator =
        new(Options.Create(new LicensingOptions { Mode = LicensingMode.Strict }));

    private static ProgramInput For(string programCode) => new()
    {
        Program = Catalogue.FindProgram(programCode)!,
        ProductVersionCode = "windows-server-2019",
        CalTypeCode = "rds-per-device",
        Quantity = "50",
    };

    private static string RetailCode() => IdFormat.RetailLicenseCode.Generate(RandomNumberGenerator.Create());

    [Fact]
    public void Validate_Agreement_NeedsSevenDigitsAndUsesTheProgramsName()
    {
        var input = For("enterprise-agreement");
        input.AgreementNumber = "123456";

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.Equal("The enrollment number has 6 digits; it needs 7.", error.ErrorMessage);
        Assert.Equal("malformed-agreement-number", error.ErrorCode);
        input.AgreementNumber = "1234567";
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_OpenLicense_NeedsLicenseAndAuthorizationNumbers()
    {
        var input = For("open-license");

        var result = Validator.Validate(input);

        Assert.Equal(["LicenseNumber", "AuthorizationNumber"], result.Errors.Select(e => e.PropertyName));
        input.LicenseNumber = "12345678";
        input.AuthorizationNumber = "ABCDE12345FGHIJ";
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_RetailCodes_AcceptsSeveralLinesAndNamesTheLineAtFault()
    {
        var input = For("license-pack");
        var bad = RetailCode().ToCharArray();
        bad[20] = bad[20] == 'B' ? 'C' : 'B'; // group 5
        input.LicenseCodes = $"{RetailCode()}\n\n{new string(bad)}";

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.StartsWith("Group 5 of the license code on line 3 does not check out", error.ErrorMessage);
    }

    [Fact]
    public void Validate_RetailCodes_Lenient_WhenCodesInTheAlphabetDoNotCheckOut_NamesEachLineAndTakesThemOnceConfirmed()
    {
        var input = For("license-pack");
        input.LicenseCodes = $"{AlphabetOnlyIds.New(IdFormat.RetailLicenseCode)}\n{RetailCode()}\n{AlphabetOnlyIds.New(IdFormat.RetailLicenseCode)}";

        var errors = Validator.Validate(input).Errors;
        input.LicenseCodesAreCopied = true;

        Assert.Equal(["unconfirmed-foreign-license-code", "unconfirmed-foreign-license-code"], errors.Select(e => e.ErrorCode));
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code on line 1 do not check out.", errors[0].ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code on line 3 do not check out.", errors[1].ErrorMessage, StringComparison.Ordinal);
        Assert.True(input.AsksToConfirmLicenseCodes(LicensingMode.Lenient));
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_RetailCodes_Lenient_WhenACodeHasCharactersOutsideTheAlphabet_TakesItWithoutAsking()
    {
        var input = For("license-pack");
        input.LicenseCodes = "ABCDE-12345-FGHIJ-67890-KLMNO";

        Assert.True(Validator.Validate(input).IsValid);
        Assert.False(input.AsksToConfirmLicenseCodes(LicensingMode.Lenient));
    }

    [Fact]
    public void Validate_RetailCodes_Strict_RefusesCodesNotIssuedHereWhateverIsConfirmed()
    {
        var input = For("license-pack");
        input.LicenseCodes = $"ABCDE-12345-FGHIJ-67890-KLMNO\n{AlphabetOnlyIds.New(IdFormat.RetailLicenseCode)}";
        input.LicenseCodesAreCopied = true;

        var errors = StrictValidator.Validate(input).Errors;

        Assert.Equal(["license-code-not-issued-here", "malformed-license-code"], errors.Select(e => e.ErrorCode));
        Assert.StartsWith("Group 1 of the license code on line 1 contains 'A' (character 1)", errors[0].ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code on line 2 do not check out: a character is mistyped",
            errors[1].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RetailCodes_RefusesTheSameCodeTwice()
    {
        var input = For("license-pack");
        var code = RetailCode();
        input.LicenseCodes = $"{code}\n{IdFormat.RetailLicenseCode.Format(code).ToLowerInvariant()}";

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.Equal("The license code on line 2 repeats the one on line 1.", error.ErrorMessage);
        Assert.Equal("repeated-license-code", error.ErrorCode);
    }

    [Fact]
    public void Validate_RetailCodes_NeedsAtLeastOne()
    {
        var input = For("license-pack");
        input.LicenseCodes = " \n ";

        Assert.StartsWith("Enter the license code", Assert.Single(Validator.Validate(input).Errors).ErrorMessage);
    }

    [Fact]
    public void Validate_WhenTheCalTypeIsNotSoldForTheVersion_SaysWhichAre()
    {
        var input = For("select-license");
        input.AgreementNumber = "7654321";
        input.ProductVersionCode = "windows-server-2008-r2";
        input.CalTypeCode = "rds-per-user";

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.Equal(
            "RDS Per User CAL is not sold for Windows Server 2008 R2 and earlier. Choose TS/RDS Per Device CAL, " +
            "TS/RDS Per User CAL, VDI Standard, VDI Premium or VDI Suite.",
            error.ErrorMessage);
    }

    private const string NotAWholeNumber = "Enter the quantity as a whole number, for example 25 or 1,500; use a comma only between thousands.";

    private const string OutOfRange = "The quantity must be from 1 to 9,999 CALs per key pack.";

    [Theory]
    [InlineData("", "Enter the number of CALs, from 1 to 9,999.")]
    [InlineData("   ", "Enter the number of CALs, from 1 to 9,999.")]
    [InlineData("abc", NotAWholeNumber)]
    [InlineData("1,5", NotAWholeNumber)] // once read as 15
    [InlineData("2,5", NotAWholeNumber)] // once read as 25
    [InlineData("1,00", NotAWholeNumber)] // once read as 100
    [InlineData("1,5000", NotAWholeNumber)]
    [InlineData(",500", NotAWholeNumber)]
    [InlineData("1,,500", NotAWholeNumber)]
    [InlineData("1,500,", NotAWholeNumber)]
    [InlineData("1 500", NotAWholeNumber)]
    [InlineData("1.500", NotAWholeNumber)]
    [InlineData("2.5", NotAWholeNumber)]
    [InlineData("25.0", NotAWholeNumber)]
    [InlineData("+5", NotAWholeNumber)]
    [InlineData("-5", NotAWholeNumber)]
    [InlineData("1e3", NotAWholeNumber)]
    [InlineData("0x10", NotAWholeNumber)]
    [InlineData("\u0663", NotAWholeNumber)] // Arabic-Indic three
    [InlineData("\uFF15", NotAWholeNumber)] // full-width five
    [InlineData("0", OutOfRange)]
    [InlineData("10000", OutOfRange)]
    [InlineData("10,000", OutOfRange)]
    [InlineData("99999999999", OutOfRange)]
    [InlineData("99,999,999,999", OutOfRange)]
    public void Validate_Quantity_MustBeAWholeNumberInRange(string quantity, string message)
    {
        var input = For("select-license");
        input.AgreementNumber = "7654321";
        input.Quantity = quantity;

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.Equal(message, error.ErrorMessage);
        Assert.False(ProgramInput.ParseQuantity(quantity) is >= Catalogue.MinQuantity and <= Catalogue.MaxQuantity);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("25", 25)]
    [InlineData(" 25 ", 25)]
    [InlineData("\t250\u00A0", 250)]
    [InlineData("007", 7)]
    [InlineData("999", 999)]
    [InlineData("1,500", 1_500)]
    [InlineData("1500", 1_500)]
    [InlineData("9,999", 9_999)]
    [InlineData("9999", 9_999)]
    public void Validate_Quantity_AcceptsDigitsAndCorrectlyGroupedThousands(string quantity, int expected)
    {
        var input = For("select-license");
        input.AgreementNumber = "7654321";
        input.Quantity = quantity;

        Assert.True(Validator.Validate(input).IsValid);
        Assert.Equal(expected, ProgramInput.ParseQuantity(quantity));
    }
}

public sealed class ErrorCodeTests
{
    private static readonly HashSet<string> Published = [.. typeof(ErrorCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    public static TheoryData<string> ProgramCodes => [.. Catalogue.Programs.Select(p => p.Code)];

    [Fact]
    public void ErrorCodes_AreDistinctLowerCaseWordsJoinedByHyphens()
    {
        var constants = typeof(ErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(constants.Count, Published.Count);
        Assert.All(constants, code => Assert.Matches("^[a-z]+(-[a-z]+)*$", code));
    }

    [Fact]
    public void EveryFailure_OfStepsOneAndTwo_CarriesAPublishedCode()
    {
        var options = Options.Create(new LicensingOptions());
        var failures = new RequestInputValidator(options).Validate(new RequestInput()).Errors
            .Concat(new ContactInputValidator().Validate(new ContactInput { Email = "x", Phone = "x", City = "a\u0007" }).Errors)
            .Concat(new ContactInputValidator().Validate(new ContactInput { LastName = new string('x', 101) }).Errors)
            .ToList();

        Assert.Equal(
            [
                "forbidden-character", "malformed-email", "malformed-license-server-id", "malformed-phone", "missing-value",
                "too-long", "unknown-country-region", "unknown-license-program", "unknown-reason",
            ],
            failures.Select(f => f.ErrorCode).Distinct().Order(StringComparer.Ordinal));
        Assert.All(failures, f => Assert.Contains(f.ErrorCode, Published));
    }

    [Theory]
    [MemberData(nameof(ProgramCodes))]
    public void EveryFailure_OfStepThree_CarriesAPublishedCode(string programCode)
    {
        var validator = new ProgramInputValidator(Options.Create(new LicensingOptions()));
        var input = new ProgramInput { Program = Catalogue.FindProgram(programCode)!, LicenseCodes = "x", LicenseNumber = "x", AgreementNumber = "x", Quantity = "x" };

        var failures = validator.Validate(input).Errors;

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Contains(f.ErrorCode, Published));
    }
}

using System.Security.Cryptography;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;

namespace Clearinghouse.Tests.Pages.Flows;

public sealed class ProgramInputValidatorTests
{
    private static readonly ProgramInputValidator Validator = new(LicensingModeSource.Fixed(LicensingMode.Lenient));

    private static readonly ProgramInputValidator StrictValidator =
        new(LicensingModeSource.Fixed(LicensingMode.Strict));

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
    public void Validate_RetailCodes_AcceptsSeveralFieldsIgnoresEmptyOnesAndNamesTheFieldAtFault()
    {
        var input = For("license-pack");
        var bad = RetailCode().ToCharArray();
        bad[20] = bad[20] == 'B' ? 'C' : 'B'; // group 5
        input.LicenseCodes = [RetailCode(), "  ", new string(bad), null];

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.StartsWith("Group 5 of the license code 3 does not check out", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("LicenseCodes[2]", error.PropertyName);
    }

    [Fact]
    public void Validate_RetailCodes_InOneField_NameNoNumber()
    {
        var input = For("license-pack");
        var bad = RetailCode().ToCharArray();
        bad[0] = bad[0] == 'B' ? 'C' : 'B'; // group 1
        input.LicenseCodes = [new string(bad)];

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.StartsWith("Group 1 of the license code does not check out", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("LicenseCodes[0]", error.PropertyName);
    }

    [Fact]
    public void Validate_RetailCodes_Lenient_WhenCodesInTheAlphabetDoNotCheckOut_NamesEachFieldAndTakesThemOnceConfirmed()
    {
        var input = For("license-pack");
        input.LicenseCodes = [AlphabetOnlyIds.New(IdFormat.RetailLicenseCode), RetailCode(), AlphabetOnlyIds.New(IdFormat.RetailLicenseCode)];

        var errors = Validator.Validate(input).Errors;
        input.LicenseCodesAreCopied = true;

        Assert.Equal(["unconfirmed-foreign-license-code", "unconfirmed-foreign-license-code"], errors.Select(e => e.ErrorCode));
        Assert.Equal(["LicenseCodes[0]", "LicenseCodes[2]"], errors.Select(e => e.PropertyName));
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code 1 do not check out.", errors[0].ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code 3 do not check out.", errors[1].ErrorMessage, StringComparison.Ordinal);
        Assert.True(input.AsksToConfirmLicenseCodes(LicensingMode.Lenient));
        Assert.True(Validator.Validate(input).IsValid);
    }

    [Fact]
    public void Validate_RetailCodes_Lenient_WhenACodeHasCharactersOutsideTheAlphabet_TakesItWithoutAsking()
    {
        var input = For("license-pack");
        input.LicenseCodes = ["ABCDE-12345-FGHIJ-67890-KLMNO"];

        Assert.True(Validator.Validate(input).IsValid);
        Assert.False(input.AsksToConfirmLicenseCodes(LicensingMode.Lenient));
    }

    [Fact]
    public void Validate_RetailCodes_Strict_RefusesCodesNotIssuedHereWhateverIsConfirmed()
    {
        var input = For("license-pack");
        input.LicenseCodes = ["ABCDE-12345-FGHIJ-67890-KLMNO", AlphabetOnlyIds.New(IdFormat.RetailLicenseCode)];
        input.LicenseCodesAreCopied = true;

        var errors = StrictValidator.Validate(input).Errors;

        Assert.Equal(["license-code-not-issued-here", "malformed-license-code"], errors.Select(e => e.ErrorCode));
        Assert.StartsWith("Group 1 of the license code 1 contains 'A' (character 1)", errors[0].ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("Groups 1, 2, 3, 4 and 5 of the license code 2 do not check out: a character is mistyped",
            errors[1].ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RetailCodes_RefusesTheSameCodeTwice()
    {
        var input = For("license-pack");
        var code = RetailCode();
        input.LicenseCodes = [code, null, IdFormat.RetailLicenseCode.Format(code).ToLowerInvariant()];

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.Equal("License code 3 repeats license code 1.", error.ErrorMessage);
        Assert.Equal("repeated-license-code", error.ErrorCode);
        Assert.Equal("LicenseCodes[2]", error.PropertyName);
    }

    [Fact]
    public void Validate_RetailCodes_NeedsAtLeastOne_AndSaysSoAtTheFirstField()
    {
        var input = For("license-pack");
        input.LicenseCodes = [" ", null];

        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.StartsWith("Enter the license code", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("LicenseCodes[0]", error.PropertyName);
    }

    [Fact]
    public void Validate_RetailCodes_TakesAtMostTheLimit_AndSaysSoAtTheFirstCodeBeyondIt()
    {
        var input = For("license-pack");
        input.LicenseCodes = [.. Enumerable.Range(0, CalRequestRules.MaxRetailLicenseCodes).Select(_ => RetailCode())];
        Assert.True(Validator.Validate(input).IsValid);

        input.LicenseCodes = [.. input.LicenseCodes, RetailCode()];
        var error = Assert.Single(Validator.Validate(input).Errors);

        Assert.Equal($"Enter at most {CalRequestRules.MaxRetailLicenseCodes} license codes in one request.", error.ErrorMessage);
        Assert.Equal($"LicenseCodes[{CalRequestRules.MaxRetailLicenseCodes}]", error.PropertyName);
    }

    [Fact]
    public void AddLicenseCodeField_AddsOneEmptyFieldUpToTheLimit()
    {
        var input = For("license-pack");
        input.LicenseCodes = ["typed"];

        input.AddLicenseCodeField();

        Assert.Equal(["typed", null], input.LicenseCodes);
        Assert.Equal(2, input.AddedLicenseCode);
        input.LicenseCodes = [.. Enumerable.Repeat<string?>(null, CalRequestRules.MaxRetailLicenseCodes)];
        input.AddLicenseCodeField();
        Assert.Equal(CalRequestRules.MaxRetailLicenseCodes, input.LicenseCodes.Count);
        Assert.Null(input.AddedLicenseCode);
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

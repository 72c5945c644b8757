using System.Security.Cryptography;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.ManageCals;

namespace Clearinghouse.Tests.Pages.ManageCals;

public sealed class RequestInputValidatorTests
{
    private static readonly RequestInputValidator Validator = new(LicensingModeSource.Fixed(LicensingMode.Lenient));

    private static readonly RequestInputValidator StrictValidator =
        new(LicensingModeSource.Fixed(LicensingMode.Strict));

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

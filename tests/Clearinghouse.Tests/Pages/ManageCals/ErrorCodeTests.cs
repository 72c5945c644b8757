using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Pages.ManageCals;

namespace Clearinghouse.Tests.Pages.ManageCals;

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
        var options = LicensingModeSource.Fixed(LicensingMode.Lenient);
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
        var validator = new ProgramInputValidator(LicensingModeSource.Fixed(LicensingMode.Lenient));
        var input = new ProgramInput { Program = Catalogue.FindProgram(programCode)!, LicenseCodes = ["x"], LicenseNumber = "x", AgreementNumber = "x", Quantity = "x" };

        var failures = validator.Validate(input).Errors;

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Contains(f.ErrorCode, Published));
    }
}

using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Activation = Clearinghouse.Web.Pages.ActivateServer;
using Reactivation = Clearinghouse.Web.Pages.ReactivateServer;

namespace Clearinghouse.Tests.Pages.ActivateServer;

/// <summary>
/// The two flows that issue a License Server ID, checked the way FlowDeclarationTests checks the key pack flows: their
/// steps are complete exactly when the issuers would issue, and every refusal of their first steps has a published code.
/// </summary>
public sealed class LicenseServerFlowDeclarationTests
{
    private static readonly (string Field, Action<CalRequest> Clear)[] Clearable =
    [
        ("the Product ID", r => r.ProductId = null),
        ("a Product ID of the wrong shape", r => r.ProductId = "ABC"),
        ("the operating system", r => r.OperatingSystemCode = null),
        ("an operating system not in the catalogue", r => r.OperatingSystemCode = "windows-nt-4"),
        ("the server", r => r.TargetLicenseServerId = null),
        ("the reason", r => r.ReasonCode = null),
        ("a reason for recovery instead", r => r.ReasonCode = "replaced"),
        ("the last name", r => r.LastName = null),
        ("the first name", r => r.FirstName = null),
        ("the company", r => r.CompanyName = null),
        ("the country", r => r.CountryRegionCode = null),
        ("the e-mail", r => r.Email = null),
    ];

    [Theory]
    [InlineData(RequestKind.ActivateServer)]
    [InlineData(RequestKind.ReactivateServer)]
    public void AFlowsSteps_AreCompleteExactlyWhenTheRulesSayTheRequestCanBeSubmitted(RequestKind kind)
    {
        var flow = FlowRegistry.Of(kind);

        Assert.True(flow.IsComplete(Complete(kind)));
        Assert.True(CalRequestRules.IsComplete(Complete(kind)));
        foreach (var (field, clear) in Clearable)
        {
            var request = Complete(kind);
            clear(request);
            Assert.True(flow.IsComplete(request) == CalRequestRules.IsComplete(request),
                $"Without {field}, {flow.Title}'s steps say {(flow.IsComplete(request) ? "complete" : "incomplete")}, the rules the opposite.");
        }
    }

    [Fact]
    public void Titles_AreShownInTheRequestsLanguage()
    {
        var flow = FlowRegistry.Of(RequestKind.ReactivateServer);

        Assert.Equal(("ライセンス サーバーの再アクティブ化", "会社情報"), SiteLanguage.In("ja", () => (flow.Title, flow.Step("contact").Title)));
        Assert.Equal(("Lizenzserver reaktivieren", "Firmeninformationen"), SiteLanguage.In("de", () => (flow.Title, flow.Step("contact").Title)));
        Assert.Equal(("Reactivate a license server", "Company information"), SiteLanguage.In("en", () => (flow.Title, flow.Step("contact").Title)));
    }

    [Fact]
    public void EveryFailure_OfTheFirstSteps_CarriesAPublishedCode()
    {
        var published = typeof(ErrorCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var options = LicensingModeSource.Fixed(LicensingMode.Lenient);

        var failures = new Activation.RequestInputValidator().Validate(new Activation.RequestInput { ProductId = "x" }).Errors
            .Concat(new Reactivation.RequestInputValidator(options).Validate(new Reactivation.RequestInput { LicenseServerId = "x" }).Errors)
            .ToList();

        Assert.Equal(
            ["malformed-license-server-id", "malformed-product-id", "unknown-operating-system", "unknown-reason"],
            failures.Select(f => f.ErrorCode).Distinct().Order(StringComparer.Ordinal));
        Assert.All(failures, f => Assert.Contains(f.ErrorCode, published));
    }

    private static CalRequest Complete(RequestKind kind)
    {
        var request = kind == RequestKind.ActivateServer
            ? LicensingRequests.Activation("windows-server-2019")
            : LicensingRequests.Reactivation(KeyPacks.NewLicenseServerId());
        request.Email = "ada@contoso.example";
        return request;
    }
}

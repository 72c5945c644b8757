using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Pages.Flows;

/// <summary>
/// The flows' declarations agree with each other and with the pages that exist: a new flow that names a page that is
/// not there, reuses a title or an address, or leaves a step page undeclared fails here rather than in a browser.
/// </summary>
public sealed partial class FlowDeclarationTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    public static TheoryData<string> Flows => [.. FlowRegistry.All.Select(flow => flow.Segment)];

    [Fact]
    public void Flows_HaveDistinctKindsAndChannels_AndDistinctAddresses()
    {
        Assert.Equal(FlowRegistry.All.Count, FlowRegistry.All.Select(flow => (flow.Kind, flow.Channel)).Distinct().Count());
        Assert.Equal(FlowRegistry.All.Count, FlowRegistry.All.Select(flow => flow.Segment).Distinct().Count());
        Assert.Equal(FlowRegistry.All.Count, FlowRegistry.All.Select(flow => (flow.Title, flow.Channel)).Distinct().Count());
        Assert.All(FlowRegistry.All, flow => Assert.All(flow.Segment.Split('/'), part => Assert.Matches(Segment(), part)));
        Assert.All(FlowRegistry.All, flow => Assert.Same(flow, FlowRegistry.Of(flow.Kind, flow.Channel)));
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Steps_HaveDistinctKeysTitlesAndPages(string segment)
    {
        var flow = FlowBy(segment);

        Assert.Equal(flow.AllSteps.Count, flow.AllSteps.Select(step => step.Key).Distinct().Count());
        Assert.Equal(flow.AllSteps.Count, flow.AllSteps.Select(step => step.Title).Distinct().Count());
        Assert.All(flow.AllSteps, step => Assert.Matches(Segment(), step.Key));
        Assert.DoesNotContain("result", flow.AllSteps.Select(step => step.Key));
        Assert.All(flow.AllSteps, step => Assert.NotEqual(flow.ResultPage, step.Page));
    }

    /// <summary>
    /// A page may serve several flows (the site's step pages serve the telephone flows too), told apart by address: at
    /// each of its flows' addresses, a page is that flow's step or result, and no other's.
    /// </summary>
    [Fact]
    public void EveryAddress_IsItsOwnFlowsStepOrResult()
    {
        var id = Guid.NewGuid();
        foreach (var flow in FlowRegistry.All)
        {
            foreach (var step in flow.AllSteps)
            {
                Assert.Equal((flow, step), FlowRegistry.StepAt(step.Page, new PathString(flow.PathOf(step, id))));
            }

            Assert.Same(flow, FlowRegistry.AtAddress(new PathString(flow.StartPath)));
            Assert.Same(flow, FlowRegistry.ResultAt(flow.ResultPage, new PathString(flow.ResultPath(id))));
            Assert.Same(flow, FlowRegistry.ResultAt(flow.ResultPage, new PathString(flow.ResultPath(id, "Receipt"))));
        }
    }

    /// <summary>A telephone flow is its site flow with the caller asked first: the same steps, submission and summary.</summary>
    [Fact]
    public void EveryTelephoneFlow_IsASiteFlow_WithTheCallerFirst()
    {
        var telephone = FlowRegistry.All.Where(flow => flow.Channel == RequestChannel.Telephone).ToList();

        Assert.Equal(FlowRegistry.All.Count(flow => flow.Channel == RequestChannel.Web), telephone.Count);
        foreach (var call in telephone)
        {
            var site = FlowRegistry.Of(call.Kind, RequestChannel.Web);
            Assert.Equal("/console/calls" + site.StartPath, call.StartPath);
            Assert.Equal(FlowSteps.Caller, call.Steps[0].Key);
            Assert.Equal(site.AllSteps, call.AllSteps.Skip(1));
            Assert.Same(site.Submit, call.Submit);
            Assert.Equal(site.Title, call.Title);
        }
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task EveryStep_IsAPageThatExists_AtItsFlowsAddress_DrivenByTheSharedBase(string segment)
    {
        var flow = FlowBy(segment);
        var pages = await CompiledPagesAsync();

        foreach (var step in flow.AllSteps)
        {
            // One descriptor per address: the first step has two.
            var page = pages.FirstOrDefault(p => p.ViewEnginePath == step.Page)
                ?? throw new InvalidOperationException($"{flow.Title} declares the step page {step.Page}, which does not exist.");
            Assert.True(page.ModelTypeInfo!.IsSubclassOf(typeof(FlowPageModel)),
                $"{step.Page} is a step of {flow.Title}, but its model {page.ModelTypeInfo.Name} is not a {nameof(FlowPageModel)}.");
            string[] expected = step == flow.Steps[0]
                ? [$"{segment}/{{id:guid}}/{step.Key}", segment]
                : [$"{segment}/{{id:guid}}/{step.Key}"];
            var routes = RoutesOf(pages, step.Page);
            Assert.All(expected, route => Assert.Contains(route, routes));
            Assert.DoesNotContain(segment, step == flow.Steps[0] ? [] : routes);
        }

        var result = pages.First(p => p.ViewEnginePath == flow.ResultPage);
        Assert.False(result.ModelTypeInfo!.IsSubclassOf(typeof(FlowPageModel)));
        Assert.Contains($"{segment}/{{id:guid}}/result/{{handler?}}", RoutesOf(pages, flow.ResultPage));
    }

    [Fact]
    public async Task EveryPageDrivenByTheSharedBase_IsAStepOfExactlyOneFlow()
    {
        var pages = await CompiledPagesAsync();

        var undeclared = pages
            .Where(page => page.ModelTypeInfo!.IsSubclassOf(typeof(FlowPageModel)) || page.ModelTypeInfo == typeof(KeyPackResultModel))
            .Select(page => page.ViewEnginePath)
            .Where(path => !FlowRegistry.All.Any(flow => flow.ResultPage == path || flow.AllSteps.Any(step => step.Page == path)))
            .ToList();

        Assert.Empty(undeclared);
    }

    [Theory]
    [InlineData(RequestKind.ManageCals)]
    [InlineData(RequestKind.InstallCals)]
    public void AFlowsSteps_AreCompleteExactlyWhenTheRulesSayTheRequestCanBeSubmitted(RequestKind kind)
    {
        var flow = FlowRegistry.Of(kind);

        // The issuer checks CalRequestRules.IsComplete; the pages send a person to the first incomplete step. A field a
        // step forgets (or one the rules require that no step asks for) would strand a request on the review page.
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
    public void NextStep_IsTheFirstIncompleteStep_ThenTheReview()
    {
        var flow = FlowRegistry.Of(RequestKind.ManageCals);
        var request = Complete(RequestKind.ManageCals);
        Assert.Same(flow.Review, flow.NextStep(request));

        request.Quantity = null;
        Assert.Equal("program", flow.NextStep(request).Key);
        request.CompanyName = null;
        Assert.Equal("contact", flow.NextStep(request).Key);
        request.ReasonCode = null;
        Assert.Equal("request", flow.NextStep(request).Key);
        Assert.Null(flow.Before(flow.Steps[0]));
        Assert.Equal("program", flow.Before(flow.Review)!.Key);
    }

    [Fact]
    public void ADeclaration_NeedsStepsThatSayWhenTheyAreComplete_AndAReviewThatDoesNot()
    {
        FlowStep review = new("review", "Review", "/X/Review");
        FlowStep request = new("request", "Request", "/X/Request", _ => true);

        Assert.Throws<ArgumentException>(() => Declare([], review));
        Assert.Throws<ArgumentException>(() => Declare([new("request", "Request", "/X/Request")], review));
        Assert.Throws<ArgumentException>(() => Declare([request], request));
        Assert.Equal(2, Declare([request], review).AllSteps.Count);
    }

    [Fact]
    public void AtAddress_FindsTheFlowByItsFirstSegmentOnly()
    {
        Assert.Equal("manage-cals", FlowRegistry.AtAddress(new PathString($"/manage-cals/{Guid.NewGuid()}/review"))?.Segment);
        Assert.Equal("install-cals", FlowRegistry.AtAddress(new PathString("/Install-CALs"))?.Segment);
        Assert.Null(FlowRegistry.AtAddress(new PathString("/manage-cals-elsewhere")));
        Assert.Null(FlowRegistry.AtAddress(new PathString("/")));
    }

    private static readonly (string Field, Action<CalRequest> Clear)[] Clearable =
    [
        ("the server", r => r.TargetLicenseServerId = null),
        ("the reason", r => r.ReasonCode = null),
        ("the program", r => r.LicenseProgramCode = null),
        ("the last name", r => r.LastName = null),
        ("the first name", r => r.FirstName = null),
        ("the company", r => r.CompanyName = null),
        ("the country", r => r.CountryRegionCode = null),
        ("the e-mail", r => r.Email = null),
        ("the agreement number", r => r.AgreementNumber = null),
        ("the product version", r => r.ProductVersionCode = null),
        ("the CAL type", r => r.CalTypeCode = null),
        ("the quantity", r => r.Quantity = null),
    ];

    private static CalRequest Complete(RequestKind kind) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        Channel = RequestChannel.Web,
        TargetLicenseServerId = KeyPacks.NewLicenseServerId(),
        ReasonCode = kind == RequestKind.ManageCals ? "replaced" : null,
        LicenseProgramCode = "enterprise-agreement",
        LastName = "Okafor",
        FirstName = "Ada",
        CompanyName = "Contoso Lab",
        CountryRegionCode = "NZ",
        Email = "ada@contoso.example",
        AgreementNumber = "1234567",
        ProductVersionCode = "windows-server-2022",
        CalTypeCode = "rds-per-user",
        Quantity = 25,
    };

    private static Flow Declare(IReadOnlyList<FlowStep> steps, FlowStep review) => new()
    {
        Kind = RequestKind.ManageCals,
        Segment = "x",
        TitleKey = "X",
        Steps = steps,
        Review = review,
        Submit = (_, _, _, _) => Task.FromResult(new FlowSubmissionOutcome(IssueStatus.Issued, [])),
        ResultPage = "/X/Result",
        Summary = _ => [],
        Record = _ => [],
    };

    private static Flow FlowBy(string segment) => FlowRegistry.All.Single(flow => flow.Segment == segment);

    private static IReadOnlyList<string?> RoutesOf(IEnumerable<CompiledPageActionDescriptor> pages, string page) =>
        [.. pages.Where(p => p.ViewEnginePath == page).Select(p => p.AttributeRouteInfo?.Template)];

    /// <summary>Every page the portal has, compiled (so that its model type is known), one per route.</summary>
    private async Task<IReadOnlyList<CompiledPageActionDescriptor>> CompiledPagesAsync()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var pages = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>();
        var compiled = new List<CompiledPageActionDescriptor>();
        foreach (var page in pages)
        {
            compiled.Add(await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty));
        }

        return compiled;
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex Segment();
}

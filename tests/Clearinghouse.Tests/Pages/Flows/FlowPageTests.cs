using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.InstallCals;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.Flows;

/// <summary>
/// The flow mechanism itself, through two flows that use it (Manage CALs and Install client access licenses): a request
/// belongs to one flow, each flow shows its own steps, and addresses that lead nowhere say so without naming a flow
/// they do not belong to.
/// </summary>
public abstract class FlowPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    public static TheoryData<string> StepsAndResult => ["request", "contact", "program", "review", "result", "result/receipt"];

    [Theory]
    [MemberData(nameof(StepsAndResult))]
    public async Task ManageCalsRequest_UnderTheInstallCalsAddress_IsNotFound(string step)
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var draft = ManageCalsWizard.RequestIdOf(await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId()));
        var submitted = ManageCalsWizard.RequestIdOf(await wizard.IssueAsync(KeyPacks.NewLicenseServerId()));

        foreach (var id in new[] { draft, submitted })
        {
            var response = await wizard.Client.GetAsync(new Uri($"/install-cals/{id}/{step}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(StepsAndResult))]
    public async Task InstallCalsRequest_UnderTheManageCalsAddress_IsNotFound(string step)
    {
        var wizard = new InstallCalsWizard(factory.CreatePageClient());
        var draft = RequestIdOf(await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId()));
        var submitted = RequestIdOf(await wizard.IssueAsync(KeyPacks.NewLicenseServerId()));

        foreach (var id in new[] { draft, submitted })
        {
            var response = await wizard.Client.GetAsync(new Uri($"/manage-cals/{id}/{step}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task StepPostedUnderAnotherFlowsAddress_IsNotFoundAndChangesNothing()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var id = ManageCalsWizard.RequestIdOf(review);
        var contact = (await wizard.OpenAsync($"/manage-cals/{id}/contact")).Form().Fill("Company name", "Fabrikam");
        contact.Element.SetAttribute("action", $"/install-cals/{id}/contact");
        var submit = review.Form();
        submit.Element.SetAttribute("action", $"/install-cals/{id}/review");

        Assert.Equal(HttpStatusCode.NotFound, (await contact.SubmitAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await submit.SubmitAsync()).StatusCode);

        var stored = await factory.WithDbAsync(db => db.CalRequests.Include(r => r.KeyPack).SingleAsync(r => r.Id == id));
        Assert.Equal(("Contoso Lab", null), (stored.CompanyName, stored.KeyPack));
    }

    [Fact]
    public async Task NewRequest_BelongsToTheFlowItWasStartedIn()
    {
        var manage = new ManageCalsWizard(factory.CreatePageClient());
        var install = new InstallCalsWizard(factory.CreatePageClient());

        var manageId = ManageCalsWizard.RequestIdOf(await manage.RequestAsync(await manage.OpenAsync(), KeyPacks.NewLicenseServerId()));
        var installId = RequestIdOf(await install.RequestAsync(await install.OpenAsync(), KeyPacks.NewLicenseServerId()));

        var kinds = await factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == manageId || r.Id == installId)
            .ToDictionaryAsync(r => r.Id, r => (r.Kind, r.Channel)));
        Assert.Equal((RequestKind.ManageCals, RequestChannel.Web), kinds[manageId]);
        Assert.Equal((RequestKind.InstallCals, RequestChannel.Web), kinds[installId]);
    }

    [Theory]
    [InlineData(RequestKind.ManageCals)]
    [InlineData(RequestKind.InstallCals)]
    public async Task Progress_ListsTheFlowsOwnStepsAndMarksTheCurrentOne(RequestKind kind)
    {
        var flow = FlowRegistry.Of(kind);
        var client = factory.CreatePageClient();
        var contact = kind == RequestKind.ManageCals
            ? await new ManageCalsWizard(client).RequestAsync(await HtmlPage.GetAsync(client, flow.StartPath), KeyPacks.NewLicenseServerId())
            : await new InstallCalsWizard(client).RequestAsync(await HtmlPage.GetAsync(client, flow.StartPath), KeyPacks.NewLicenseServerId());

        var progress = contact.Document.QuerySelector("nav.wizard-progress")!;
        var steps = progress.QuerySelectorAll("li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();

        Assert.Equal($"{flow.Title} steps", progress.GetAttribute("aria-label"));
        Assert.Equal(flow.AllSteps.Select((step, i) => $"{i + 1} {step.Title}"), steps);
        var current = Assert.Single(progress.QuerySelectorAll("li[aria-current='step']"));
        Assert.Contains(flow.Step("contact").Title, current.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{flow.Title} · step 2 of {flow.AllSteps.Count}", contact.Document.QuerySelector("p.caption")!.TextContent.Trim());
        Assert.Equal($"{flow.Title}: {flow.Step("contact").Title} – Clearinghouse", contact.Document.Title);
        Assert.Equal(flow.Step("contact").Title, contact.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task UnknownRequest_UnderAFlowsAddress_IsNotFoundAndOffersToStartThatFlow()
    {
        using var client = factory.CreatePageClient();

        var response = await client.GetAsync(new Uri($"/install-cals/{Guid.NewGuid()}/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ReadAsync(client, response);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        var start = Assert.Single(page.Document.QuerySelectorAll("main a[href='/install-cals']"));
        Assert.Equal("start a new Install client access licenses request", start.TextContent.Trim());
        Assert.DoesNotContain("Manage CALs", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_IsNotFoundWithoutNamingAnyFlow()
    {
        using var client = factory.CreatePageClient();

        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ReadAsync(client, response);
        var main = page.Document.QuerySelector("main")!;
        Assert.Equal("Page not found", main.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(main.QuerySelector("a[href='/']"));
        Assert.All(FlowRegistry.All, flow =>
        {
            Assert.DoesNotContain(flow.Title, main.TextContent, StringComparison.Ordinal);
            Assert.Null(main.QuerySelector($"a[href='{flow.StartPath}']"));
        });
    }

    [Fact]
    public async Task StepPages_AreOnlyReachedThroughTheirFlowsAddresses()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var id = ManageCalsWizard.RequestIdOf(await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId()));

        foreach (var path in new[] { "/ManageCals/Contact", $"/ManageCals/Contact/{id}", $"/ManageCals/Review?id={id}", "/Flows/_ContactFields" })
        {
            var response = await wizard.Client.GetAsync(new Uri(path, UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private static Guid RequestIdOf(HtmlPage page) => ManageCalsWizard.RequestIdOf(page);
}

public sealed class FlowPageTestsOnSqlite(ClearinghouseFactory factory) : FlowPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class FlowPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : FlowPageTests<PostgreSqlClearinghouseFactory>(factory);

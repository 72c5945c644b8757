using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>
/// Sign-in is required, and roles enforced, on every console and lab page: the pages are found from the portal's own
/// routes, so a page added later is covered (and must be listed here with who may open it).
/// </summary>
public abstract class ConsoleAccessTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string AnyAccount = "any";
    private const string Administrators = "administrators";

    /// <summary>Any account, reached from the new-call page rather than the console's home.</summary>
    private const string Calls = "calls";

    /// <summary>Every console and lab page (a sample route value where it has one) and who may open it.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "/console", AnyAccount },
        { "/console/search", AnyAccount },
        { "/console/requests/{id:guid}", AnyAccount },
        { "/console/calls", AnyAccount },
        { "/console/calls/deactivate/{server?}", AnyAccount },
        { "/console/calls/manage-cals", Calls },
        { "/console/calls/install-cals", Calls },
        { "/console/calls/activate-server", Calls },
        { "/console/calls/reactivate-server", Calls },
        { "/console/admin/users", Administrators },
        { "/console/admin/users/{id}/password", Administrators },
        { "/console/admin/audit", Administrators },
        { "/lab/purchases", Administrators },
        { "/lab/settings", Administrators },
        { "/lab/key-packs", Administrators },
        { "/lab/phone-numbers", Administrators },
        { "/lab/api-keys", Administrators },
        { "/lab/reset", Administrators },
    };

    /// <summary>Pages open to everyone: signing in and out, and the first-run setup (404 once it is done).</summary>
    private static readonly string[] Open = ["/console/sign-in", "/console/sign-out", "/console/setup"];

    /// <summary>
    /// Every address of a call already started: each step and the result of each telephone flow. They serve requests of
    /// their own flow only, so they are checked with any id: sign-in first, then no refusal for a representative.
    /// </summary>
    public static TheoryData<string> CallSteps => [.. CallStepRoutes];

    private static IEnumerable<string> CallStepRoutes => FlowRegistry.All
        .Where(flow => flow.Channel == RequestChannel.Telephone)
        .SelectMany(flow => flow.AllSteps.Select(step => $"/{flow.Segment}/{{id:guid}}/{step.Key}")
            .Append($"/{flow.Segment}/{{id:guid}}/result/{{handler?}}"));

    [Fact]
    public void EveryConsoleAndLabPage_IsListed()
    {
        var routes = factory.Services.GetRequiredServiceRoutes()
            .Where(r => r.StartsWith("/console", StringComparison.Ordinal) || r.StartsWith("/lab", StringComparison.Ordinal))
            .Except(Open).Order(StringComparer.Ordinal);

        Assert.Equal(Pages.Select(p => (string)p[0]).Concat(CallStepRoutes).Order(StringComparer.Ordinal), routes);
    }

    [Theory]
    [MemberData(nameof(CallSteps))]
    public async Task ACallsStep_Anonymously_SendsToSignIn_AndIsNotRefusedToARepresentative(string step)
    {
        var address = step.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("/{handler?}", "", StringComparison.Ordinal);
        using var anonymous = factory.CreateSecureClient();
        using var representative = await factory.SignedInAsync(ConsoleAccounts.Representative);

        using var refused = await anonymous.GetAsync(new Uri(address, UriKind.Relative));
        using var answered = await representative.GetAsync(new Uri(address, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, refused.StatusCode);
        Assert.Equal("/console/sign-in", refused.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, answered.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymously_SendsToSignIn(string page, string _)
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri(await AddressAsync(page), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AsARepresentative_OpensOnlyTheConsolesOwnPages(string page, string who)
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        using var response = await client.GetAsync(new Uri(await AddressAsync(page), UriKind.Relative));

        Assert.Equal(who == Administrators ? HttpStatusCode.Forbidden : HttpStatusCode.OK, response.StatusCode);
        if (who == Administrators)
        {
            var forbidden = await HtmlPage.ReadAsync(client, response);
            Assert.Equal("You do not have access to this page", forbidden.Document.QuerySelector("h1")!.TextContent.Trim());
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AsALabAdministrator_OpensEveryPage(string page, string _)
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Administrator);

        using var response = await client.GetAsync(new Uri(await AddressAsync(page), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The console's home leads each account to every page its role opens, and to none it does not.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Home_LinksToEveryPageTheAccountMayOpen(bool administrator)
    {
        using var client = await factory.SignedInAsync(administrator ? ConsoleAccounts.Administrator : ConsoleAccounts.Representative);

        var home = await HtmlPage.GetAsync(client, "/console");

        var links = home.Document.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!).ToHashSet(StringComparer.Ordinal);
        var reachable = Pages.Select(p => ((string)p[0], (string)p[1]))
            .Where(p => !p.Item1.Contains('{', StringComparison.Ordinal) && p.Item1 != "/console" && p.Item2 != Calls)
            .ToList();
        foreach (var (page, who) in reachable)
        {
            Assert.Equal(administrator || who == AnyAccount, links.Contains(page));
        }
    }

    [Fact]
    public async Task ThePublicSite_NeedsNoSignIn()
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri("/manage-cals", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> AddressAsync(string page) =>
        page.Contains("{id:guid}", StringComparison.Ordinal)
            ? page.Replace("{id:guid}", (await factory.SaveAsync(LicensingRequests.Activation())).Id.ToString(), StringComparison.Ordinal)
        : page.Contains("{id}", StringComparison.Ordinal)
            ? page.Replace("{id}", await factory.UserIdAsync(ConsoleAccounts.Representative.Email), StringComparison.Ordinal)
            : page.Replace("/{server?}", "", StringComparison.Ordinal);
}

public sealed class ConsoleAccessTestsOnSqlite(ClearinghouseFactory factory) : ConsoleAccessTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ConsoleAccessTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : ConsoleAccessTests<PostgreSqlClearinghouseFactory>(factory);

using System.Net;
using Clearinghouse.Tests.Infrastructure;

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

    /// <summary>Every console and lab page (a sample route value where it has one) and who may open it.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "/console", AnyAccount },
        { "/console/search", AnyAccount },
        { "/console/requests/{id:guid}", AnyAccount },
        { "/console/calls/deactivate", AnyAccount },
        { "/console/admin/users", Administrators },
        { "/console/admin/users/{id}/password", Administrators },
        { "/console/admin/audit", Administrators },
        { "/lab/purchases", Administrators },
    };

    /// <summary>Pages open to everyone: signing in and out, and the first-run setup (404 once it is done).</summary>
    private static readonly string[] Open = ["/console/sign-in", "/console/sign-out", "/console/setup"];

    [Fact]
    public void EveryConsoleAndLabPage_IsListed()
    {
        var routes = factory.Services.GetRequiredServiceRoutes()
            .Where(r => r.StartsWith("/console", StringComparison.Ordinal) || r.StartsWith("/lab", StringComparison.Ordinal))
            .Except(Open).Order(StringComparer.Ordinal);

        Assert.Equal(Pages.Select(p => (string)p[0]).Order(StringComparer.Ordinal), routes);
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

        Assert.Equal(who == AnyAccount ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        if (who != AnyAccount)
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
            .Where(p => !p.Item1.Contains('{', StringComparison.Ordinal) && p.Item1 != "/console")
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
            : page;
}

public sealed class ConsoleAccessTestsOnSqlite(ClearinghouseFactory factory) : ConsoleAccessTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ConsoleAccessTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : ConsoleAccessTests<PostgreSqlClearinghouseFactory>(factory);

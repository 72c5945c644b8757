using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>The console's search: one field, a GET form, every kind of reference and name, and what it says when it finds nothing or too much.</summary>
public abstract class SearchPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Anonymously_SendsToSignIn()
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri("/console/search?q=contoso", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Search_ByEachReference_AndByName_FindsTheRequest_AndLinksToIt()
    {
        var server = await factory.ActivateServerAsync();
        var agreement = NewAgreementNumber();
        var request = LicensingRequests.Agreement(RequestKind.InstallCals, server.Id, agreement, 7);
        request.CompanyName = "Fabrikam " + Guid.NewGuid().ToString("N")[..8];
        request.LastName = "Zuniga" + Guid.NewGuid().ToString("N")[..6];
        var keyPack = await factory.IssueAsync(request);
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        foreach (var query in new[]
        {
            IdFormat.LicenseServerId.Format(server.Id), // whole, in groups
            server.Id[7..19].ToLowerInvariant(), // part, any case, across groups
            IdFormat.KeyPackId.Format(keyPack.Id)[6..17], // part with a hyphen inside
            agreement,
            request.CompanyName.ToUpperInvariant(),
            request.LastName,
        })
        {
            var page = await SearchAsync(client, query);

            var row = page.Document.QuerySelector($"tr[data-request='{request.Id}']");
            Assert.True(row is not null, $"'{query}' did not find the request.");
            Assert.Contains(IdFormat.KeyPackId.Format(keyPack.Id), row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Issued", row.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/console/requests/{request.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Search_IsAGetForm_WithALabelledField()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var page = await HtmlPage.GetAsync(client, "/console/search");

        var request = page.Form().Fill("Search", "contoso").CreateRequest();

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/console/search?q=contoso", request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Search_ThatFindsNothing_SaysSo()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await SearchAsync(client, "Nobody" + Guid.NewGuid().ToString("N"));

        Assert.Empty(page.Document.QuerySelectorAll("tr[data-request]"));
        Assert.Contains("No request matches", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TooShort_IsAFieldError()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await SearchAsync(client, "x");

        Assert.Equal("Enter at least 2 characters to search for.", page.Document.QuerySelector(".error-summary li a")!.TextContent);
        Assert.Equal("#q", page.Document.QuerySelector(".error-summary li a")!.GetAttribute("href"));
        Assert.Equal("true", page.Document.QuerySelector("#q")!.GetAttribute("aria-invalid"));
        Assert.Null(page.Document.QuerySelector("table"));
    }

    [Fact]
    public async Task Search_MatchingMoreThanAPage_AsksToRefine()
    {
        var company = "Tailspin " + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < Web.Pages.Console.SearchModel.Limit + 1; i++)
        {
            var draft = LicensingRequests.Activation();
            draft.CompanyName = company;
            await factory.SaveAsync(draft);
        }

        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await SearchAsync(client, company);

        Assert.Equal(Web.Pages.Console.SearchModel.Limit, page.Document.QuerySelectorAll("tr[data-request]").Length);
        Assert.Contains("Refine the search", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<HtmlPage> SearchAsync(HttpClient client, string query)
    {
        var form = (await HtmlPage.GetAsync(client, "/console/search")).Form().Fill("Search", query);
        var page = await HtmlPage.ReadAsync(client, await form.SubmitAsync());
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        return page;
    }

    private static string NewAgreementNumber() =>
        RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);
}

public sealed class SearchPageTestsOnSqlite(ClearinghouseFactory factory) : SearchPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class SearchPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : SearchPageTests<PostgreSqlClearinghouseFactory>(factory);

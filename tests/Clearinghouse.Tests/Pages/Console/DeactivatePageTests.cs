using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>Deactivating a license server by telephone: the ID as dictated, a confirmation, the code read back once.</summary>
public abstract class DeactivatePageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string Address = "/console/calls/deactivate";

    [Fact]
    public async Task Anonymously_SendsToSignIn()
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri(Address, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Deactivate_ShowsTheCodeOnce_WithItsReadBack_ThenTheApiSaysGone_AndAgainIsRefused()
    {
        using var api = factory.CreateClient();
        var server = await api.ActivateAsync();
        var serverId = IdFormat.Compact(server.Id);
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        // Dictated in threes, lower case: any grouping is taken.
        var dictated = string.Join(' ', serverId.ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        var done = await DeactivateAsync(client, dictated);

        Assert.Equal(HttpStatusCode.OK, done.Response.StatusCode);
        var code = IdFormat.Compact(done.Document.QuerySelector("[data-read-back-id]")!.TextContent);
        Assert.True(TelephoneDeactivation.Verify(code).IsValid, $"'{code}' is not a confirmation code.");
        Assert.Equal(5, done.Document.QuerySelectorAll("#read-back [data-group]").Length);
        Assert.NotNull((await factory.ServerAsync(serverId)).DeactivatedAt);

        // The code's groups re-checked as the caller reads them back.
        var check = await HtmlPage.ReadAsync(client, await done.Form("#read-back form")
            .Fill("Group number", "3").Fill("Characters read back", code.Substring(10, 5)).SubmitAsync());
        Assert.Equal("Matches", check.Document.QuerySelector("[data-read-back-result]")!.GetAttribute("data-read-back-result"));

        using (var keyPacks = await api.KeyPacksAsync(server))
        {
            await Problems.ReadAsync(keyPacks, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
        }

        var again = await DeactivateAsync(client, IdFormat.LicenseServerId.Format(serverId));
        Assert.Null(again.Document.QuerySelector("[data-read-back-id]"));
        Assert.StartsWith("This license server was already deactivated", Error(again), StringComparison.Ordinal);
        Assert.Equal("true", again.Document.QuerySelector("#LicenseServerId")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task AnUnknownServer_IsAFieldError()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();

        var page = await DeactivateAsync(client, IdFormat.LicenseServerId.Generate(random));

        Assert.StartsWith("No license server has this License Server ID.", Error(page), StringComparison.Ordinal);
        Assert.Equal("#LicenseServerId", page.Document.QuerySelector(".error-summary li a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AReactivatedServer_IsRefused_NamingItsNewId()
    {
        var server = await factory.ActivateServerAsync();
        var reactivated = await factory.ReactivateAsync(server.Id);
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await DeactivateAsync(client, server.Id);

        Assert.Contains(IdFormat.LicenseServerId.Format(reactivated.Server!.Id), Error(page), StringComparison.Ordinal);
        Assert.Null((await factory.ServerAsync(server.Id)).DeactivatedAt);
    }

    [Fact]
    public async Task WithoutConfirmation_NothingIsDeactivated()
    {
        var server = await factory.ActivateServerAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var form = (await HtmlPage.GetAsync(client, Address)).Form().Fill("License Server ID", server.Id);

        var page = await HtmlPage.ReadAsync(client, await form.SubmitAsync());

        Assert.StartsWith("Confirm with the caller", Error(page), StringComparison.Ordinal);
        Assert.Null((await factory.ServerAsync(server.Id)).DeactivatedAt);
    }

    private static async Task<HtmlPage> DeactivateAsync(HttpClient client, string serverId)
    {
        var form = (await HtmlPage.GetAsync(client, Address)).Form()
            .Fill("License Server ID", serverId)
            .Check("The caller confirms that this license server is to be deactivated. This cannot be undone.");
        return await HtmlPage.ReadAsync(client, await form.SubmitAsync());
    }

    private static string Error(HtmlPage page) =>
        page.Document.QuerySelector(".error-summary li a")?.TextContent ?? throw new InvalidOperationException("No error on the page.");
}

public sealed class DeactivatePageTestsOnSqlite(ClearinghouseFactory factory) : DeactivatePageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class DeactivatePageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : DeactivatePageTests<PostgreSqlClearinghouseFactory>(factory);

using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>Deactivating a license server by telephone: the ID as dictated, a confirmation, the code read back.</summary>
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
    public async Task Deactivate_ShowsTheCodeWithItsReadBack_ThenTheApiSaysGone_AndAgainShowsTheSameCode()
    {
        using var api = factory.CreateClient();
        var server = await api.ActivateAsync();
        var serverId = IdFormat.Compact(server.Id);
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        // Dictated in threes, lower case: any grouping is taken.
        var dictated = string.Join(' ', serverId.ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        var done = await DeactivateAsync(client, dictated);

        Assert.Equal(HttpStatusCode.OK, done.Response.StatusCode);
        Assert.Equal($"{Address}/{IdFormat.LicenseServerId.Format(serverId)}".ToLowerInvariant(), done.Address.AbsolutePath.ToLowerInvariant());
        var code = IdFormat.Compact(done.Document.QuerySelector("[data-read-back-id]")!.TextContent);
        Assert.True(TelephoneDeactivation.Verify(code).IsValid, $"'{code}' is not a confirmation code.");
        Assert.Equal(5, done.Document.QuerySelectorAll("#read-back [data-group]").Length);
        var stored = await factory.ServerAsync(serverId);
        Assert.NotNull(stored.DeactivatedAt);
        Assert.Equal(code, stored.DeactivationConfirmationCode);

        // The code's groups re-checked as the caller reads them back.
        var check = await HtmlPage.ReadAsync(client, await done.Form("#read-back form")
            .Fill("Group number", "3").Fill("Characters read back", code.Substring(10, 5)).SubmitAsync());
        Assert.Equal("Matches", check.Document.QuerySelector("[data-read-back-result]")!.GetAttribute("data-read-back-result"));

        using (var keyPacks = await api.KeyPacksAsync(server))
        {
            await Problems.ReadAsync(keyPacks, HttpStatusCode.Gone, ErrorCodes.LicenseServerDeactivated);
        }

        // A caller who lost the code: deactivating again reads out the same one; nothing changes.
        var again = await DeactivateAsync(client, IdFormat.LicenseServerId.Format(serverId));
        Assert.Equal(code, IdFormat.Compact(again.Document.QuerySelector("[data-read-back-id]")!.TextContent));
        Assert.Equal(stored.DeactivatedAt, (await factory.ServerAsync(serverId)).DeactivatedAt);
    }

    [Fact]
    public async Task AServerDeactivatedThroughTheApi_HasNoCodeToReadOut()
    {
        using var api = factory.CreateClient();
        var server = await api.ActivateAsync();
        using (var deactivated = await api.SendAsync(HttpMethod.Delete, $"/api/v1/license-servers/{server.Id}", server.Credential,
            idempotencyKey: Guid.NewGuid().ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        }

        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var page = await DeactivateAsync(client, server.Id);

        Assert.Null(page.Document.QuerySelector("[data-read-back-id]"));
        Assert.StartsWith("This license server was already deactivated", Error(page), StringComparison.Ordinal);
        Assert.Equal("true", page.Document.QuerySelector("#LicenseServerId")!.GetAttribute("aria-invalid"));
        using var codePage = await client.GetAsync(new Uri($"{Address}/{server.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, codePage.StatusCode);
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
        var response = await form.SubmitAsync();
        return (int)response.StatusCode is >= 300 and <= 399
            ? await HtmlPage.FollowRedirectAsync(client, response)
            : await HtmlPage.ReadAsync(client, response);
    }

    private static string Error(HtmlPage page) =>
        page.Document.QuerySelector(".error-summary li a")?.TextContent ?? throw new InvalidOperationException("No error on the page.");
}

public sealed class DeactivatePageTestsOnSqlite(ClearinghouseFactory factory) : DeactivatePageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class DeactivatePageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : DeactivatePageTests<PostgreSqlClearinghouseFactory>(factory);

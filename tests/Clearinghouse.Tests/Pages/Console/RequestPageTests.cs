using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>A request's page: everything about it, its history, and its issued ID read back and re-checked group by group.</summary>
public abstract class RequestPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Anonymously_SendsToSignIn()
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri($"/console/requests/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AnUnknownRequest_IsNotFound()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        using var response = await client.GetAsync(new Uri($"/console/requests/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheRequestPage_ShowsItsFields_ItsStatus_AndItsHistory()
    {
        var (request, keyPack, server) = await IssueAsync();
        await factory.InScopeAsync(services =>
            services.GetRequiredService<KeyPackInstaller>().InstallAsync(server.Id, keyPack.Id));
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await HtmlPage.GetAsync(client, $"/console/requests/{request.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var main = page.Document.QuerySelector("main")!.TextContent;
        Assert.Equal("Installed", page.Document.QuerySelector("[data-status]")!.TextContent.Trim());
        Assert.Contains(request.AgreementNumber!, main, StringComparison.Ordinal);
        Assert.Contains("Contoso Lab", main, StringComparison.Ordinal);
        Assert.Equal(["Created", "KeyPackIssued", "KeyPackInstalled"],
            page.Document.QuerySelectorAll("[data-event]").Select(e => e.GetAttribute("data-event")!));
        Assert.Contains($"Key pack installed on License Server ID {IdFormat.LicenseServerId.Format(server.Id)}.",
            page.Document.QuerySelector("[data-event=KeyPackInstalled]")!.TextContent, StringComparison.Ordinal);

        // The audit trail's entries about its key pack and its server.
        Assert.Equal(["key-pack-installed", "key-pack-issued", "server-activated"],
            page.Document.QuerySelectorAll("[data-audit]").Select(e => e.GetAttribute("data-audit")!));
    }

    [Fact]
    public async Task TheIssuedId_IsReadOutInGroups_EachCharacterSpelled()
    {
        var (request, keyPack, _) = await IssueAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await HtmlPage.GetAsync(client, $"/console/requests/{request.Id}");

        var groups = page.Document.QuerySelectorAll("#read-back [data-group]");
        Assert.Equal(7, groups.Length);
        var first = keyPack.Id[..5];
        Assert.Equal(first, groups[0].QuerySelector(".read-back__chars")!.TextContent);
        Assert.StartsWith($"{first[0]} as in {ReadBack.WordFor(first[0])}", groups[0].QuerySelector(".read-back__spelled")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingBackAGroup_Correctly_Matches_OneCharacterWrong_FailsItsCheck_AnotherGroup_IsSaidToBeAnother()
    {
        var (request, keyPack, _) = await IssueAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var group2 = keyPack.Id.Substring(5, 5);
        var otherGroup = Enumerable.Range(0, 7).Select(i => keyPack.Id.Substring(i * 5, 5)).First(g => g != group2);
        var wrong = Substitute(group2, 2);

        var matches = await CheckAsync(client, request.Id, 2, group2.ToLowerInvariant());
        var typo = await CheckAsync(client, request.Id, 2, wrong);
        var another = await CheckAsync(client, request.Id, 2, otherGroup);

        Assert.Equal(nameof(GroupReadBackStatus.Matches), Result(matches).GetAttribute("data-read-back-result"));
        Assert.Contains("Group 2 matches.", Result(matches).TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(GroupReadBackStatus.FailsCheck), Result(typo).GetAttribute("data-read-back-result"));
        Assert.Contains("does not check out", Result(typo).TextContent, StringComparison.Ordinal);
        Assert.Contains("It differs at character 3.", Result(typo).TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(GroupReadBackStatus.OtherValidGroup), Result(another).GetAttribute("data-read-back-result"));
        Assert.Equal("2", typo.Document.QuerySelector("#Heard_Group option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ReadingBackNothing_IsAFieldError()
    {
        var (request, _, _) = await IssueAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var page = await CheckAsync(client, request.Id, 4, " ");

        Assert.Equal("#Heard_Characters", page.Document.QuerySelector(".error-summary li a")!.GetAttribute("href"));
        Assert.Equal("true", page.Document.QuerySelector("#Heard_Characters")!.GetAttribute("aria-invalid"));
    }

    private async Task<HtmlPage> CheckAsync(HttpClient client, Guid requestId, int group, string characters)
    {
        var page = await HtmlPage.GetAsync(client, $"/console/requests/{requestId}");
        var response = await page.Form("#read-back form")
            .Fill("Group number", group.ToString(CultureInfo.InvariantCulture))
            .Fill("Characters read back", characters)
            .SubmitAsync();
        var result = await HtmlPage.ReadAsync(client, response);
        Assert.Equal(HttpStatusCode.OK, result.Response.StatusCode);
        return result;
    }

    private static AngleSharp.Dom.IElement Result(HtmlPage page) =>
        page.Document.QuerySelector("[data-read-back-result]") ?? throw new InvalidOperationException("No read-back result on the page.");

    /// <summary>The group with the character at <paramref name="index"/> replaced by another of the issuing alphabet.</summary>
    private static string Substitute(string group, int index)
    {
        const string alphabet = "BCDFGHJKMPQRTVWXY2346789";
        var replacement = alphabet[(alphabet.IndexOf(group[index], StringComparison.Ordinal) + 1) % alphabet.Length];
        return string.Concat(group.AsSpan(0, index), replacement.ToString(), group.AsSpan(index + 1));
    }

    private async Task<(CalRequest Request, KeyPack KeyPack, LicenseServer Server)> IssueAsync()
    {
        var server = await factory.ActivateServerAsync();
        var request = LicensingRequests.Agreement(
            RequestKind.InstallCals, server.Id, RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture), 5);
        var keyPack = await factory.IssueAsync(request);
        return (request, keyPack, server);
    }
}

public sealed class RequestPageTestsOnSqlite(ClearinghouseFactory factory) : RequestPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class RequestPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : RequestPageTests<PostgreSqlClearinghouseFactory>(factory);

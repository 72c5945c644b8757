using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ActivateServer;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>
/// Taking calls in the console (the telephone method): the caller's country or region first, then the site's own flow
/// for the caller, the issued ID read back on the request's page — each kind of call end to end, through real forms.
/// </summary>
public abstract class TelephoneCallTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string CallerCountry = "Caller's country or region";

    [Theory]
    [InlineData("/console/calls")]
    [InlineData("/console/calls/manage-cals")]
    [InlineData("/console/calls/install-cals")]
    [InlineData("/console/calls/activate-server")]
    [InlineData("/console/calls/reactivate-server")]
    public async Task Anonymously_SendsToSignIn(string address)
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri(address, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AStepOfACall_ReachedWithoutSigningIn_SendsToSignIn_AndChangesNothing()
    {
        using var representative = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var request = await StartAsync(representative, "Manage CALs", "Germany");
        using var anonymous = factory.CreateSecureClient();

        using var response = await anonymous.GetAsync(new Uri(request.Address.AbsolutePath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AManageCalsCall_IsTakenEndToEnd_RecordsTheRepresentative_ReadsTheIdBack_AndInstallsThroughTheApi()
    {
        var server = await factory.ActivateServerAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var wizard = new ManageCalsWizard(client);

        var request = await StartAsync(client, "Manage CALs", "Germany");
        Assert.Matches("^/console/calls/manage-cals/[0-9a-f-]{36}/request$", request.Address.AbsolutePath);
        var context = request.Document.QuerySelector(".call-context")!.TextContent;
        Assert.Contains("a caller from Germany", context, StringComparison.Ordinal);
        Assert.Contains("+49", context, StringComparison.Ordinal);

        // The ID as a caller dictates it: lower case, in threes. The request step is the site's, with its validation.
        var dictated = string.Join(' ', server.Id.ToLowerInvariant().Chunk(3).Select(c => new string(c)));
        var contact = await wizard.AcceptAsync(request.Form()
            .Fill("Target License Server ID", dictated)
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement"));
        Assert.Equal("contact", ManageCalsWizard.Step(contact));
        Assert.Equal("DE", contact.Document.QuerySelector("#Input_CountryRegionCode option[selected]")?.GetAttribute("value"));

        var program = await wizard.AcceptAsync(contact.Form()
            .Fill("Last name or surname", "Weber")
            .Fill("First name or given name", "Jonas")
            .Fill("Company name", "Fabrikam GmbH"));
        var review = await wizard.AgreementAsync(program);
        Assert.Equal("review", ManageCalsWizard.Step(review));
        Assert.Contains("Germany", review.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var requestPage = await FollowAllAsync(client, await review.Form().SubmitAsync());

        var requestId = CallIdOf(review);
        Assert.Equal($"/console/requests/{requestId}", requestPage.Address.AbsolutePath);
        var stored = await factory.InDbAsync(db => db.CalRequests.AsNoTracking().Include(r => r.KeyPack).SingleAsync(r => r.Id == requestId));
        Assert.Equal(RequestChannel.Telephone, stored.Channel);
        Assert.Equal(await factory.UserIdAsync(ConsoleAccounts.Representative.Email), stored.RepresentativeId);
        Assert.Equal(RequestChannel.Telephone, stored.KeyPack!.Channel);
        Assert.Equal(ConsoleAccounts.Representative.Email, requestPage.Document.QuerySelector("[data-representative]")!.TextContent);

        // Read back in groups of 5, each character spelled; a group the caller reads back is checked.
        var keyPackId = stored.KeyPack.Id;
        Assert.Equal(IdFormat.KeyPackId.Format(keyPackId), requestPage.Document.QuerySelector("[data-read-back-id]")!.TextContent);
        Assert.Equal(7, requestPage.Document.QuerySelectorAll("#read-back [data-group]").Length);
        Assert.Contains(" as in ", requestPage.Document.QuerySelector("#read-back [data-group='1']")!.TextContent, StringComparison.Ordinal);
        var check = await HtmlPage.ReadAsync(client, await requestPage.Form("#read-back form")
            .Fill("Group number", "4").Fill("Characters read back", keyPackId.Substring(15, 5)).SubmitAsync());
        Assert.Equal(nameof(GroupReadBackStatus.Matches), check.Document.QuerySelector("[data-read-back-result]")!.GetAttribute("data-read-back-result"));

        // The caller types it into the license server, which installs it through the API.
        using var api = factory.CreateClient();
        using var installed = await api.PostAsJsonAsync(
            $"/api/v1/license-servers/{server.Id}/key-pack-installations", new { keyPackId = IdFormat.KeyPackId.Format(keyPackId) });
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);

        // Who entered it is in the audit trail too.
        var issued = await factory.InDbAsync(db => db.AuditEntries.SingleAsync(e => e.Subject == keyPackId && e.Action == AuditActions.KeyPackIssued));
        Assert.Equal(ConsoleAccounts.Representative.Email, issued.Actor);
    }

    [Fact]
    public async Task AnInstallCalsCall_IssuesAKeyPackForTheCallersServer()
    {
        var server = await factory.ActivateServerAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var wizard = new ManageCalsWizard(client);

        var request = await StartAsync(client, "Install client access licenses", "Japan");
        var contact = await wizard.AcceptAsync(request.Form()
            .Fill("License Server ID", IdFormat.LicenseServerId.Format(server.Id).Replace("-", "", StringComparison.Ordinal))
            .Fill("License Program", "Enterprise Agreement"));
        var program = await wizard.AcceptAsync(contact.Form()
            .Fill("Last name or surname", "Sato").Fill("First name or given name", "Yui").Fill("Company name", "Contoso KK"));
        var review = await wizard.AgreementAsync(program, quantity: "10");

        var requestPage = await FollowAllAsync(client, await review.Form().SubmitAsync());

        var keyPackId = IdFormat.Compact(requestPage.Document.QuerySelector("[data-read-back-id]")!.TextContent);
        var keyPack = await factory.KeyPackAsync(keyPackId);
        Assert.Equal(server.Id, keyPack.LicenseServerId);
        Assert.Equal(10, keyPack.Quantity);
        Assert.Equal(RequestChannel.Telephone, keyPack.Channel);
    }

    [Fact]
    public async Task AnActivationCall_ReadsTheNewLicenseServerIdBack()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var wizard = new LicenseServerWizard(client);

        var request = await StartAsync(client, "Activate a license server", "France");
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ActivationForm(request, LicensingRequests.NewProductId()));
        var review = await wizard.AcceptAsync(contact.Form()
            .Fill("Last name or surname", "Martin").Fill("First name or given name", "Léa").Fill("Company name", "Contoso SARL"));

        var requestPage = await FollowAllAsync(client, await review.Form().SubmitAsync());

        var serverId = IdFormat.Compact(requestPage.Document.QuerySelector("[data-read-back-id]")!.TextContent);
        Assert.Equal(7, requestPage.Document.QuerySelectorAll("#read-back [data-group]").Length);
        var server = await factory.ServerAsync(serverId);
        Assert.NotNull(server.ActivatedAt);
        var stored = await factory.RequestAsync(CallIdOf(review));
        Assert.Equal((RequestChannel.Telephone, "FR"), (stored.Channel, stored.CountryRegionCode));
    }

    [Fact]
    public async Task AReactivationCall_GivesANewId_AndTheOldOneIsRefusedAtTheNextCall()
    {
        var server = await factory.ActivateServerAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var wizard = new LicenseServerWizard(client);

        var request = await StartAsync(client, "Reactivate a license server", "Canada");
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ReactivationForm(request, server.Id));
        var review = await wizard.AcceptAsync(contact.Form()
            .Fill("Last name or surname", "Tremblay").Fill("First name or given name", "Luc").Fill("Company name", "Contoso Ltd"));
        var requestPage = await FollowAllAsync(client, await review.Form().SubmitAsync());

        var newId = IdFormat.Compact(requestPage.Document.QuerySelector("[data-read-back-id]")!.TextContent);
        Assert.NotEqual(server.Id, newId);
        Assert.Equal(newId, (await factory.ServerAsync(server.Id)).ReplacedById);

        // The same refusal as on the site, at the step where another ID can be typed.
        var next = await StartAsync(client, "Manage CALs", "Canada");
        var refused = await wizard.RefuseAsync(next.Form()
            .Fill("Target License Server ID", server.Id)
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement"));
        Assert.Equal("true", refused.Document.QuerySelector("#Input_TargetLicenseServerId")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task WithoutACountry_TheCallDoesNotStart_AndTheFieldSaysWhy()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var before = await factory.InDbAsync(db => db.CalRequests.CountAsync());

        var page = await HtmlPage.ReadAsync(client,
            await (await HtmlPage.GetAsync(client, "/console/calls")).Form().SubmitAsync("Manage CALs"));

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("#CountryRegionCode", page.Document.QuerySelector(".error-summary li a")!.GetAttribute("href"));
        Assert.Equal("true", page.Document.QuerySelector("#CountryRegionCode")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await factory.InDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task ACallsRequest_IsNotFoundAtTheSitesAddress_NorASiteRequestInTheConsole()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var call = await StartAsync(client, "Manage CALs", "Germany");
        var callId = CallIdOf(call);
        var site = await new ManageCalsWizard(client).RequestAsync(await HtmlPage.GetAsync(client, "/manage-cals"), KeyPacks.NewLicenseServerId());
        var siteId = CallIdOf(site);

        using var callOnSite = await client.GetAsync(new Uri($"/manage-cals/{callId}/request", UriKind.Relative));
        using var siteInConsole = await client.GetAsync(new Uri($"/console/calls/manage-cals/{siteId}/contact", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, callOnSite.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, siteInConsole.StatusCode);
        Assert.Null((await factory.RequestAsync(siteId)).RepresentativeId);
    }

    [Fact]
    public async Task ADeactivationCall_StartsFromTheNewCallPage_WithTheCallersContext()
    {
        var server = await factory.ActivateServerAsync();
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);

        var form = await FollowAllAsync(client, await (await HtmlPage.GetAsync(client, "/console/calls")).Form()
            .Fill(CallerCountry, "Germany").SubmitAsync("Deactivate a license server"));
        Assert.Contains("a caller from Germany", form.Document.QuerySelector(".call-context")!.TextContent, StringComparison.Ordinal);

        var done = await FollowAllAsync(client, await form.Form()
            .Fill("License Server ID", server.Id)
            .Check("The caller confirms that this license server is to be deactivated. This cannot be undone.")
            .SubmitAsync());

        Assert.Equal($"/console/calls/deactivate/{IdFormat.LicenseServerId.Format(server.Id).ToLowerInvariant()}", done.Address.AbsolutePath.ToLowerInvariant());
        Assert.Contains("a caller from Germany", done.Document.QuerySelector(".call-context")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(done.Document.QuerySelector("[data-read-back-id]"));
    }

    /// <summary>The new-call page: the caller's country or region, then the button of the kind of call.</summary>
    private static async Task<HtmlPage> StartAsync(HttpClient client, string kind, string country)
    {
        var page = await HtmlPage.GetAsync(client, "/console/calls");
        using var started = await page.Form().Fill(CallerCountry, country).SubmitAsync(kind);
        Assert.Equal(HttpStatusCode.Found, started.StatusCode);
        return await HtmlPage.FollowRedirectAsync(client, started);
    }

    /// <summary>A call's request id, from an address such as /console/calls/manage-cals/{id}/review.</summary>
    private static Guid CallIdOf(HtmlPage page) =>
        page.Address.AbsolutePath.Split('/').Select(part => Guid.TryParse(part, out var id) ? id : (Guid?)null).First(id => id is not null)!.Value;

    /// <summary>Follows redirects (submit → the call's result → the request's page) to the page they end at.</summary>
    private static async Task<HtmlPage> FollowAllAsync(HttpClient client, HttpResponseMessage response)
    {
        var page = await HtmlPage.ReadAsync(client, response);
        for (var hops = 0; (int)page.Response.StatusCode is >= 300 and <= 399; hops++)
        {
            Assert.True(hops < 5, "Too many redirects.");
            page = await HtmlPage.FollowRedirectAsync(client, page.Response);
        }

        return page;
    }
}

public sealed class TelephoneCallTestsOnSqlite(ClearinghouseFactory factory) : TelephoneCallTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class TelephoneCallTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : TelephoneCallTests<PostgreSqlClearinghouseFactory>(factory);

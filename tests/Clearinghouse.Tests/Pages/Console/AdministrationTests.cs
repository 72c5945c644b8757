using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>
/// Lab administrators manage representatives (create, disable, enable, reset password) and read the audit trail, which
/// records those changes and the licensing operations made through the site and the API.
/// </summary>
public abstract class AdministrationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string Users = "/console/admin/users";

    [Fact]
    public async Task Create_ARepresentative_WhoCanSignIn_AndItIsAudited()
    {
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var account = new TestAccount($"new-{Guid.NewGuid():N}@example.com", "New-Representative-1");

        using var created = await CreateAsync(admin, account);
        var list = await HtmlPage.FollowRedirectAsync(admin, created);

        Assert.Equal("The representative's account is created. Give them their password in person.",
            list.Document.QuerySelector(".notice")!.TextContent.Trim());
        var row = list.Document.QuerySelector($"tr[data-account='{account.Email}']")!;
        Assert.Equal(("Representative", "Active"), (row.Children[2].TextContent.Trim(), row.Children[3].TextContent.Trim()));
        using (await factory.SignedInAsync(account))
        {
        }

        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.AccountCreated && e.Subject == account.Email));
        Assert.Equal(ConsoleAccounts.Administrator.Email, entry.Actor);
    }

    [Fact]
    public async Task Create_WithAnEmailInUse_OrAWeakPassword_SaysWhatIsWrong()
    {
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);

        var page = await HtmlPage.ReadAsync(admin, await CreateAsync(admin, new TestAccount(ConsoleAccounts.Representative.Email, "alllowercase")));

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal(
            [
                "An account with this email address exists already.",
                "The password must contain a digit (0–9).",
                "The password must contain an upper-case letter (A–Z).",
            ],
            SignInTests<ClearinghouseFactory>.ErrorSummary(page));
    }

    [Fact]
    public async Task Disable_EndsTheSessionsOfThatAccount_RefusesItsSignIn_AndEnableLetsItBackIn()
    {
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var account = new TestAccount($"leaving-{Guid.NewGuid():N}@example.com", "Leaving-Password-1");
        (await CreateAsync(admin, account)).Dispose();
        var session = await factory.SignedInAsync(account);
        using (var before = await session.GetAsync(new Uri("/console", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var disabled = await ActionAsync(admin, account.Email, "disable");
        using var after = await session.GetAsync(new Uri("/console", UriKind.Relative));
        var refused = await HtmlPage.ReadAsync(session, await factory.CreateSecureClient().SignInAsync(account));

        Assert.Equal(HttpStatusCode.Found, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("/console/sign-in", after.Headers.Location!.AbsolutePath);
        Assert.Equal(["The email address or password is incorrect."], SignInTests<ClearinghouseFactory>.ErrorSummary(refused));
        Assert.True(await AuditedAsync(AuditActions.AccountDisabled, account.Email));
        Assert.True(await AuditedAsync(AuditActions.SignInRefusedDisabled, account.Email));

        (await ActionAsync(admin, account.Email, "enable")).Dispose();
        using (await factory.SignedInAsync(account))
        {
        }

        Assert.True(await AuditedAsync(AuditActions.AccountEnabled, account.Email));
    }

    [Fact]
    public async Task Disable_OnesOwnAccount_IsRefused()
    {
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);

        using var response = await ActionAsync(admin, ConsoleAccounts.Administrator.Email, "disable");
        var page = await HtmlPage.ReadAsync(admin, response);

        Assert.Equal(["You cannot disable your own account."], SignInTests<ClearinghouseFactory>.ErrorSummary(page));
    }

    [Fact]
    public async Task ResetPassword_ReplacesTheOldOne_EndsItsSessions_AndIsAudited()
    {
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var account = new TestAccount($"forgetful-{Guid.NewGuid():N}@example.com", "Forgotten-Password-1");
        (await CreateAsync(admin, account)).Dispose();
        var session = await factory.SignedInAsync(account);
        var list = await HtmlPage.GetAsync(admin, Users);
        var reset = await HtmlPage.GetAsync(admin,
            list.Document.QuerySelector($"tr[data-account='{account.Email}'] a")!.GetAttribute("href")!);

        var mismatch = await HtmlPage.ReadAsync(admin, await reset.Form()
            .Fill("New password", "Brand-New-Password-1").Fill("Type the password again", "Brand-New-Password-2").SubmitAsync());
        Assert.Equal(["The two passwords are not the same; type it again."], SignInTests<ClearinghouseFactory>.ErrorSummary(mismatch));
        using var done = await reset.Form()
            .Fill("New password", "Brand-New-Password-1").Fill("Type the password again", "Brand-New-Password-1").SubmitAsync();

        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        using (var old = await session.GetAsync(new Uri("/console", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Found, old.StatusCode);
        }

        var refused = await HtmlPage.ReadAsync(admin, await factory.CreateSecureClient().SignInAsync(account));
        Assert.Single(SignInTests<ClearinghouseFactory>.ErrorSummary(refused));
        using (await factory.SignedInAsync(account with { Password = "Brand-New-Password-1" }))
        {
        }

        Assert.True(await AuditedAsync(AuditActions.PasswordReset, account.Email));
    }

    [Fact]
    public async Task Audit_RecordsAKeyPackIssuedOnTheSite_InstalledThroughTheApi_AndAServerReactivated_AndFilters()
    {
        var api = factory.CreateClient();
        var server = await api.ActivateAsync("windows-server-2022");
        var canonicalServer = IdFormat.LicenseServerId.Parse(server.Id).Value!;
        var result = await new ManageCalsWizard(factory.CreatePageClient()).IssueAsync(server.Id);
        var keyPackId = IdFormat.KeyPackId.Parse(ManageCalsWizard.KeyPackIdOn(result)).Value!;
        using (var installed = await api.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{canonicalServer}/key-pack-installations",
                   server.Credential, new { keyPackId }))
        {
            Assert.True(installed.IsSuccessStatusCode, await installed.Content.ReadAsStringAsync());
        }

        using (var reactivated = await api.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{canonicalServer}/reactivations",
                   server.Credential, new { reason = "redeployed" }))
        {
            Assert.Equal(HttpStatusCode.Created, reactivated.StatusCode);
        }

        var entries = await factory.WithDbAsync(db => db.AuditEntries
            .Where(e => e.Subject == keyPackId || e.Subject == canonicalServer).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [
                (AuditActions.ServerActivated, "api", canonicalServer),
                (AuditActions.KeyPackIssued, "web", keyPackId),
                (AuditActions.KeyPackInstalled, "api", keyPackId),
                (AuditActions.ServerReactivated, "api", canonicalServer),
            ],
            entries.Select(e => (e.Action, e.Actor, e.Subject!)));

        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var bySubject = await HtmlPage.GetAsync(admin, $"/console/admin/audit?subject={Uri.EscapeDataString(ManageCalsWizard.KeyPackIdOn(result))}");
        Assert.Equal(["key-pack-installed", "key-pack-issued"],
            bySubject.Document.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-action")!));
        var form = bySubject.Form("#audit-filter").Fill("Action", "Key pack installed").Fill("Subject", "");
        var byAction = await HtmlPage.ReadAsync(admin, await form.SubmitAsync());
        Assert.All(byAction.Document.QuerySelectorAll("tbody tr"), r => Assert.Equal("key-pack-installed", r.GetAttribute("data-action")));
        Assert.NotEmpty(byAction.Document.QuerySelectorAll("tbody tr"));
        var future = await HtmlPage.GetAsync(admin, "/console/admin/audit?from=2999-01-01");
        Assert.Empty(future.Document.QuerySelectorAll("tbody tr"));
        var byActor = await HtmlPage.GetAsync(admin, $"/console/admin/audit?actor=ADMIN%40CLEARINGHOUSE&action={AuditActions.SignIn}");
        Assert.NotEmpty(byActor.Document.QuerySelectorAll("tbody tr"));
        var nonsense = await HtmlPage.GetAsync(admin, "/console/admin/audit?from=yesterday&to=%00&page=-5&action=nope");
        Assert.Equal(HttpStatusCode.OK, nonsense.Response.StatusCode);
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient admin, TestAccount account)
    {
        var page = await HtmlPage.GetAsync(admin, Users);
        return await page.Form("#create-account")
            .Fill("Email address", account.Email).Fill("Display name", "Test Account")
            .Fill("Password", account.Password).Fill("Type the password again", account.Password).SubmitAsync();
    }

    private static async Task<HttpResponseMessage> ActionAsync(HttpClient admin, string email, string action)
    {
        var page = await HtmlPage.GetAsync(admin, Users);
        return await page.Form($"tr[data-account='{email}'] form[data-action={action}]").SubmitAsync();
    }

    private Task<bool> AuditedAsync(string action, string subject) =>
        factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == action && e.Subject == subject));
}

public sealed class AdministrationTestsOnSqlite(ClearinghouseFactory factory) : AdministrationTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class AdministrationTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : AdministrationTests<PostgreSqlClearinghouseFactory>(factory);

using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.Console;

/// <summary>Signing in and out of the console through its pages, and what the audit trail records of it.</summary>
public abstract class SignInTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string Incorrect = "The email address or password is incorrect.";

    [Fact]
    public async Task SignIn_WithASeededAccount_GoesBackToWhereItWasAsked_AndIsAudited()
    {
        var client = factory.CreateSecureClient();

        using var response = await client.SignInAsync(ConsoleAccounts.Administrator, returnUrl: "/console/admin/audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/admin/audit", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Clearinghouse.Console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(await AuditedAsync(AuditActions.SignIn, ConsoleAccounts.Administrator.Email));
    }

    [Fact]
    public async Task SignIn_ToAnotherSite_StaysHere()
    {
        var client = factory.CreateSecureClient();

        using var response = await client.SignInAsync(ConsoleAccounts.Representative, returnUrl: "https://elsewhere.example/");

        Assert.Equal("/console", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithAWrongPasswordOrAnUnknownEmail_SaysTheSameAndIsAudited()
    {
        var client = factory.CreateSecureClient();
        var (email, _) = await CreateAccountAsync();

        var wrong = await HtmlPage.ReadAsync(client, await client.SignInAsync(new TestAccount(email, "Not-The-Password-1")));
        var unknown = await HtmlPage.ReadAsync(client, await client.SignInAsync(new TestAccount($"nobody-{Guid.NewGuid():N}@example.com", "Whatever-Password-1")));

        Assert.Equal(HttpStatusCode.OK, wrong.Response.StatusCode);
        Assert.Equal([Incorrect], ErrorSummary(wrong));
        Assert.Equal([Incorrect], ErrorSummary(unknown));
        Assert.Equal(email, wrong.Document.GetElementById("Input_Email")!.GetAttribute("value"));
        Assert.Null(wrong.Document.GetElementById("Input_Password")!.GetAttribute("value"));
        Assert.True(await AuditedAsync(AuditActions.SignInFailed, email));
    }

    [Fact]
    public async Task SignIn_WithNothingEntered_AsksForBoth()
    {
        var client = factory.CreateSecureClient();

        var page = await HtmlPage.ReadAsync(client, await client.SignInAsync(new TestAccount("", "")));

        Assert.Equal(["Enter your email address.", "Enter your password."], ErrorSummary(page));
    }

    [Fact]
    public async Task SignIn_AfterRepeatedFailures_LocksTheAccount_EvenWithTheRightPassword_AndIsAudited()
    {
        var client = factory.CreateSecureClient();
        var (email, password) = await CreateAccountAsync();

        for (var i = 1; i < 5; i++)
        {
            Assert.Equal([Incorrect], ErrorSummary(await HtmlPage.ReadAsync(client, await client.SignInAsync(new TestAccount(email, $"Wrong-Password-{i}")))));
        }

        var locked = await HtmlPage.ReadAsync(client, await client.SignInAsync(new TestAccount(email, "Wrong-Password-5")));
        var stillLocked = await HtmlPage.ReadAsync(client, await client.SignInAsync(new TestAccount(email, password)));

        Assert.StartsWith("This account is locked after too many failed sign-ins.", Assert.Single(ErrorSummary(locked)), StringComparison.Ordinal);
        Assert.StartsWith("This account is locked", Assert.Single(ErrorSummary(stillLocked)), StringComparison.Ordinal);
        Assert.True(await AuditedAsync(AuditActions.SignInLockedOut, email));
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = factory.CreateSecureClient();

        using var response = await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), new FormUrlEncodedContent(
            [new("Input.Email", ConsoleAccounts.Administrator.Email), new("Input.Password", ConsoleAccounts.Administrator.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var home = await HtmlPage.GetAsync(client, "/console");

        using var signOut = await home.Form("#sign-out").SubmitAsync();
        using var after = await client.GetAsync(new Uri("/console", UriKind.Relative));

        Assert.Equal("/console/sign-in", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.True(await AuditedAsync(AuditActions.SignOut, ConsoleAccounts.Representative.Email));
    }

    [Fact]
    public async Task Home_LinksAnAdministratorToEveryPage_AndARepresentativeToTheCallPagesOnly()
    {
        var admin = await HtmlPage.GetAsync(await factory.SignedInAsync(ConsoleAccounts.Administrator), "/console");
        var representative = await HtmlPage.GetAsync(await factory.SignedInAsync(ConsoleAccounts.Representative), "/console");

        Assert.Equal(["/console/calls", "/console/search", "/console/calls/deactivate", "/console/admin/users", "/console/admin/audit", "/lab/purchases",
                "/lab/settings", "/lab/key-packs", "/lab/phone-numbers", "/lab/api-keys", "/lab/reset"],
            admin.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")!));
        Assert.Equal(["/console/calls", "/console/search", "/console/calls/deactivate"],
            representative.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")!));
    }

    /// <summary>A representative of this test's own, created through the administration page.</summary>
    private async Task<(string Email, string Password)> CreateAccountAsync()
    {
        var email = $"rep-{Guid.NewGuid():N}@example.com";
        const string password = "Fresh-Password-42";
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var page = await HtmlPage.GetAsync(admin, "/console/admin/users");
        using var created = await page.Form("#create-account")
            .Fill("Email address", email).Fill("Display name", "Test Rep")
            .Fill("Password", password).Fill("Type the password again", password).SubmitAsync();
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        return (email, password);
    }

    private Task<bool> AuditedAsync(string action, string subject) =>
        factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == action && e.Subject == subject));

    internal static IReadOnlyList<string> ErrorSummary(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim())];
}

public sealed class SignInTestsOnSqlite(ClearinghouseFactory factory) : SignInTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class SignInTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : SignInTests<PostgreSqlClearinghouseFactory>(factory);

/// <summary>The first run: no account at all, the setup page creates the first administrator and then closes.</summary>
public sealed class SetupTests(UnseededClearinghouseFactory factory) : IClassFixture<UnseededClearinghouseFactory>
{
    [Fact]
    public async Task Setup_CreatesTheFirstAdministratorOnce_ThenIsGone()
    {
        var client = factory.CreateSecureClient();
        var page = await HtmlPage.GetAsync(client, "/console/setup");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);

        var weak = await HtmlPage.ReadAsync(client, await page.Form()
            .Fill("Email address", "first@example.com").Fill("Password", "short").Fill("Type the password again", "short").SubmitAsync());
        Assert.Equal(HttpStatusCode.OK, weak.Response.StatusCode);
        Assert.Contains("The password must have at least 12 characters.", SignInTests<ClearinghouseFactory>.ErrorSummary(weak));

        using var created = await weak.Form()
            .Fill("Email address", "first@example.com").Fill("Display name", "First Admin")
            .Fill("Password", "First-Admin-Password-1").Fill("Type the password again", "First-Admin-Password-1").SubmitAsync();
        Assert.Equal("/console", created.Headers.Location!.OriginalString);

        using var users = await client.GetAsync(new Uri("/console/admin/users", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        using var again = await factory.CreateSecureClient().GetAsync(new Uri("/console/setup", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        // A second person with a valid antiforgery token (from the sign-in page) posting the old form: not found.
        var anonymous = factory.CreateSecureClient();
        var token = (await HtmlPage.GetAsync(anonymous, "/console/sign-in")).Document
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = await anonymous.PostAsync(new Uri("/console/setup", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Input.Email", "second@example.com"),
            new("Input.Password", "Second-Admin-Password-1"), new("Input.ConfirmPassword", "Second-Admin-Password-1"),
        ]));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AdministratorCreated && e.Subject == "first@example.com")));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "second@example.com")));
    }
}

/// <summary>Accounts from configuration (Accounts:Seed), as tests and lab profiles use them.</summary>
public sealed class SeedTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public async Task SeededAccounts_CanSignIn_WithTheirRoles()
    {
        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);

        var page = await HtmlPage.GetAsync(admin, "/console/admin/users");

        var rows = page.Document.QuerySelectorAll("tr[data-account]").ToDictionary(r => r.GetAttribute("data-account")!, r => r.Children[2].TextContent.Trim());
        Assert.Equal("Lab administrator", rows[ConsoleAccounts.Administrator.Email]);
        Assert.Equal("Representative", rows[ConsoleAccounts.Representative.Email]);
    }
}

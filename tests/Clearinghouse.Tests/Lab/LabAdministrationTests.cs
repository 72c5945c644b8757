using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Lab;

/// <summary>
/// Lab administration through its front doors: the pages (/lab/…, a lab administrator's sign-in, real forms) and the
/// lab API (/api/v1/lab, a lab API key made on /lab/api-keys). The settings are the database's, shared by every test of
/// the class: a test that changes one puts it back (Neutral) before it ends.
/// </summary>
public abstract class LabAdministrationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Reset_ByARepresentative_IsForbidden_AndAnonymously_SendsToSignIn()
    {
        using var representative = await factory.SignedInAsync(ConsoleAccounts.Representative);
        using var anonymous = factory.CreateSecureClient();
        var server = await factory.ActivateServerAsync();

        using var forbidden = await representative.PostAsync(new Uri("/lab/reset", UriKind.Relative),
            new FormUrlEncodedContent([new("Confirm", "true")]));
        using var signIn = await anonymous.GetAsync(new Uri("/lab/reset", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("/console/sign-in", signIn.Headers.Location!.AbsolutePath);
        Assert.True(await factory.WithDbAsync(db => db.LicenseServers.AnyAsync(s => s.Id == server.Id)));
    }

    [Fact]
    public async Task Reset_WithoutConfirmation_IsRefusedOnTheCheckBox_AndRemovesNothing()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var server = await factory.ActivateServerAsync();

        using var response = await (await HtmlPage.GetAsync(admin, "/lab/reset")).Form().SubmitAsync();

        var page = await HtmlPage.ReadAsync(admin, response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Confirm that you want to remove the lab's data: check the box."], ErrorSummary(page));
        Assert.Equal("#Confirm", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", page.Document.GetElementById("Confirm")!.GetAttribute("aria-invalid"));
        Assert.True(await factory.WithDbAsync(db => db.LicenseServers.AnyAsync(s => s.Id == server.Id)));
    }

    [Fact]
    public async Task Reset_Confirmed_RemovesTheLabsData_KeepsAccountsAndTheAuditTrail_AndIsAudited()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.RegisterAsync("enterprise-agreement", agreement, 50);
        var keyPack = await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 5));
        var auditBefore = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());

        using var response = await (await HtmlPage.GetAsync(admin, "/lab/reset")).Form().Check(
            "I understand that this removes the lab's data for good").SubmitAsync();

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var done = await HtmlPage.FollowRedirectAsync(admin, response);
        Assert.Contains("The lab was reset.", done.Document.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await factory.WithDbAsync(async db => (await db.KeyPacks.CountAsync(), await db.CalRequests.CountAsync(),
            await db.LicenseServers.CountAsync(), await db.Purchases.CountAsync())));
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.Id == keyPack.Id)));

        // Accounts stay: both can still sign in; the trail keeps what it had, and says who reset.
        using var again = await factory.SignedInAsync(ConsoleAccounts.Representative);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.CountAsync()) > auditBefore);
        Assert.True(await AuditedAsync(AuditActions.LabReset, ConsoleAccounts.Administrator.Email));
    }

    [Fact]
    public async Task Mode_SwitchedToStrictOnThePage_TakesEffectWithoutRestart_AndBack()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        using var api = factory.CreateClient();
        var server = await api.ActivateAsync();
        try
        {
            await SaveModeAsync(admin, "Strict");

            using var strict = await api.RequestCalsAsync(server, ApiClient.Agreement("install", 5));
            await Problems.ReadAsync(strict, HttpStatusCode.Conflict, ErrorCodes.PurchaseNotRegistered);
            Assert.True(await AuditedAsync(AuditActions.LabModeChanged, ConsoleAccounts.Administrator.Email, "Strict"));
            var page = await HtmlPage.GetAsync(admin, "/lab/settings");
            Assert.Equal("Strict", page.Document.QuerySelector("#Mode option[selected]")!.GetAttribute("value"));

            await SaveModeAsync(admin, "Configured");

            using var lenient = await api.RequestCalsAsync(server, ApiClient.Agreement("install", 5));
            Assert.Equal(HttpStatusCode.Created, lenient.StatusCode);
        }
        finally
        {
            await NeutralAsync();
        }
    }

    [Fact]
    public async Task Faults_ErrorRateOne_AnswersEveryApiCall503WithRetryAfter_ButNotTheLabApiOrThePages()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        using var api = factory.CreateClient();
        using var lab = await LabClientAsync();
        try
        {
            using var saved = await (await HtmlPage.GetAsync(admin, "/lab/settings")).Form("#faults-form")
                .Fill("Error rate", "1").SubmitAsync();
            Assert.Equal(HttpStatusCode.Found, saved.StatusCode);

            using var refused = await api.GetAsync(new Uri("/api/v1/catalog", UriKind.Relative));
            var problem = await Problems.ReadAsync(refused, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.True(problem.GetProperty("injected").GetBoolean());
            using var settings = await lab.GetAsync(new Uri("/api/v1/lab/settings", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
            Assert.Equal(1.0, (await settings.ReadJsonAsync()).GetProperty("faults").GetProperty("errorRate").GetDouble());
            using var home = await admin.GetAsync(new Uri("/console", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.True(await AuditedAsync(AuditActions.LabFaultsChanged, ConsoleAccounts.Administrator.Email, "error rate 1"));

            using var off = await lab.PutAsJsonAsync("/api/v1/lab/faults", new { delayMilliseconds = 0, errorRate = 0.0 });
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
            using var answered = await api.GetAsync(new Uri("/api/v1/catalog", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        finally
        {
            await NeutralAsync();
        }
    }

    [Fact]
    public async Task Faults_OutageWindowAndDelay_ThroughTheLabApi()
    {
        using var api = factory.CreateClient();
        using var lab = await LabClientAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            using var outage = await lab.PutAsJsonAsync("/api/v1/lab/faults",
                new { delayMilliseconds = 0, errorRate = 0.0, outageFrom = now.AddMinutes(-1), outageTo = now.AddMinutes(10) });
            Assert.Equal(HttpStatusCode.OK, outage.StatusCode);

            using var refused = await api.GetAsync(new Uri("/api/v1/catalog", UriKind.Relative));
            await Problems.ReadAsync(refused, HttpStatusCode.ServiceUnavailable, ErrorCodes.ServiceUnavailable);
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 500, 600);

            using var later = await lab.PutAsJsonAsync("/api/v1/lab/faults",
                new { delayMilliseconds = 300, errorRate = 0.0, outageFrom = now.AddHours(1), outageTo = now.AddHours(2) });
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
            var watch = Stopwatch.StartNew();
            using var slow = await api.GetAsync(new Uri("/api/v1/catalog", UriKind.Relative));
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
            Assert.True(watch.ElapsedMilliseconds >= 280, $"Answered in {watch.ElapsedMilliseconds} ms");
        }
        finally
        {
            await NeutralAsync();
        }
    }

    [Fact]
    public async Task Faults_WrongValues_AreRefusedWithAMessagePerField()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        using var lab = await LabClientAsync();

        using var response = await (await HtmlPage.GetAsync(admin, "/lab/settings")).Form("#faults-form")
            .Fill("Delay (milliseconds)", "fast").Fill("Error rate", "1.5").SubmitAsync();
        using var ends = await (await HtmlPage.GetAsync(admin, "/lab/settings")).Form("#faults-form")
            .Fill("Starts (UTC)", "2026-12-31T10:00").Fill("Ends (UTC)", "2026-12-31T09:00").SubmitAsync();
        using var api = await lab.PutAsJsonAsync("/api/v1/lab/faults", new { delayMilliseconds = -5, errorRate = 0.0 });

        var page = await HtmlPage.ReadAsync(admin, response);
        Assert.Equal(["Enter a number, e.g. 250 or 0.25."], ErrorSummary(page));
        Assert.Equal("true", page.Document.GetElementById("Faults_Delay")!.GetAttribute("aria-invalid"));
        Assert.Equal(["The outage window must end after it starts."], ErrorSummary(await HtmlPage.ReadAsync(admin, ends)));
        await Problems.ReadAsync(api, HttpStatusCode.BadRequest, ErrorCodes.LabDelayOutOfRange);
        Assert.Equal(0, (await factory.WithDbAsync(db => db.LabSettings.Select(s => s.FaultErrorRate).ToListAsync())).Sum());
    }

    [Fact]
    public async Task PhoneNumber_Edited_IsShownInTheCatalogue_SurvivesARestart_AndIsAudited()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var number = $"+49 30 {Random.Shared.Next(1_000_000, 9_999_999)}";

        using var response = await (await HtmlPage.GetAsync(admin, "/lab/phone-numbers?country=de")).Form()
            .Fill("Telephone number", "  " + number.Replace(" ", "  ", StringComparison.Ordinal)).SubmitAsync();

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var page = await HtmlPage.FollowRedirectAsync(admin, response);
        Assert.Contains(number, page.Document.QuerySelector("#country-DE [data-phone]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(number, await CataloguePhoneAsync(factory, "DE"));
        Assert.True(await AuditedAsync(AuditActions.PhoneNumberChanged, ConsoleAccounts.Administrator.Email, number));

        // A restart seeds the countries again, and leaves the number as the lab set it.
        using var restarted = factory.OnTheSameDatabase();
        Assert.Equal(number, await CataloguePhoneAsync(restarted, "DE"));
    }

    [Theory]
    [InlineData("", "Enter the telephone number.")]
    [InlineData("030 1234567", "Enter the number in international format: a plus sign and 7 to 15 digits, which spaces, hyphens, dots or brackets may group, e.g. +44 20 7946 0100.")]
    [InlineData("+49 30 12", "Enter the number in international format: a plus sign and 7 to 15 digits, which spaces, hyphens, dots or brackets may group, e.g. +44 20 7946 0100.")]
    [InlineData("+49 30 1234567 ext. 5", "Enter the number in international format: a plus sign and 7 to 15 digits, which spaces, hyphens, dots or brackets may group, e.g. +44 20 7946 0100.")]
    public async Task PhoneNumber_NotPlausible_IsRefusedWithAClearMessage(string typed, string message)
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var before = await CataloguePhoneAsync(factory, "FR");

        using var response = await (await HtmlPage.GetAsync(admin, "/lab/phone-numbers?country=FR")).Form()
            .Fill("Telephone number", typed).SubmitAsync();

        var page = await HtmlPage.ReadAsync(admin, response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([message], ErrorSummary(page));
        Assert.Equal("true", page.Document.GetElementById("PhoneNumber")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await CataloguePhoneAsync(factory, "FR"));
    }

    [Fact]
    public async Task PhoneNumber_ThroughTheLabApi_IsValidated()
    {
        using var lab = await LabClientAsync();

        using var unknown = await lab.PutAsJsonAsync("/api/v1/lab/countries/ZZ/phone-number", new { phoneNumber = "+1 555 0100 100" });
        using var malformed = await lab.PutAsJsonAsync("/api/v1/lab/countries/IT/phone-number", new { phoneNumber = "call us" });
        using var saved = await lab.PutAsJsonAsync("/api/v1/lab/countries/it/phone-number", new { phoneNumber = "+39 06 555 0199" });

        await Problems.ReadAsync(unknown, HttpStatusCode.NotFound, ErrorCodes.UnknownCountryRegion);
        await Problems.ReadAsync(malformed, HttpStatusCode.BadRequest, ErrorCodes.MalformedPhone);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("+39 06 555 0199", await CataloguePhoneAsync(factory, "IT"));
    }

    [Fact]
    public async Task KeyPacks_FilteredByServerAndStatus_AndAsCsv()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var server = KeyPacks.NewLicenseServerId();
        var installed = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server, KeyPacks.NewAgreementNumber(), 7));
        var pending = await factory.IssueAsync(Agreement(RequestKind.InstallCals, server, KeyPacks.NewAgreementNumber(), 3));
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 3));
        await factory.WithDbAsync(async db =>
        {
            db.KeyPackInstallations.Add(new KeyPackInstallation { KeyPackId = installed.Id, LicenseServerId = server, InstalledAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        });

        var all = await HtmlPage.GetAsync(admin, $"/lab/key-packs?Filter.Server={IdFormat.LicenseServerId.Format(server)}");
        var onlyInstalled = await HtmlPage.GetAsync(admin, $"/lab/key-packs?Server={server}&Status=installed");
        using var csv = await admin.GetAsync(new Uri($"/lab/key-packs?handler=csv&Server={server}", UriKind.Relative));

        Assert.True(all.Document.QuerySelectorAll("[data-key-pack]").Length > 0, all.Document.QuerySelector("main")!.OuterHtml);
        Assert.Equal(new[] { installed.Id, pending.Id }.Order(), all.Document.QuerySelectorAll("[data-key-pack]").Select(r => r.GetAttribute("data-key-pack")).Order());
        Assert.Equal([installed.Id], onlyInstalled.Document.QuerySelectorAll("[data-key-pack]").Select(r => r.GetAttribute("data-key-pack")));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        var lines = text.Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.Equal(3, lines.Length - 1);
        Assert.StartsWith("key_pack_id,license_server_id,license_program,", lines[0], StringComparison.Ordinal);
        Assert.All(lines[1..^1], line => Assert.Equal(14, line.Split(',').Length));
        Assert.Contains(lines, line => line.StartsWith(IdFormat.KeyPackId.Format(installed.Id) + ",", StringComparison.Ordinal) &&
            line.Contains(",installed,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyPacks_WithAWrongFilter_SayWhich_OnThePageAndInTheApi()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        using var lab = await LabClientAsync();

        var page = await HtmlPage.GetAsync(admin, "/lab/key-packs?From=31.12.2026&Status=lost");
        using var api = await lab.GetAsync(new Uri("/api/v1/lab/key-packs?from=yesterday", UriKind.Relative));

        Assert.Equal(["Choose a status from the list.", "Enter a date as 2026-12-31."], ErrorSummary(page));
        var problem = await Problems.ReadAsync(api, HttpStatusCode.BadRequest, ErrorCodes.MalformedLabFilter);
        Assert.Equal("from", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task LabApi_WithoutAKey_WithAWrongOne_OrARevokedOne_Answers401()
    {
        using var anonymous = factory.CreateClient();
        using var wrong = factory.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Lab-Api-Key", "chlab_not-a-key");
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var (key, id) = await CreateKeyAsync(admin, "to revoke");
        using var revoked = factory.CreateClient();
        revoked.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var before = await revoked.GetAsync(new Uri("/api/v1/lab/settings", UriKind.Relative));

        var keys = await HtmlPage.GetAsync(admin, "/lab/api-keys");
        using var revoke = await keys.Form($"[data-key='{id}'] form").SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Found, revoke.StatusCode);
        foreach (var client in new[] { anonymous, wrong, revoked })
        {
            using var response = await client.PostAsJsonAsync("/api/v1/lab/reset", new { confirm = "reset" });
            await Problems.ReadAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        }

        Assert.True(await AuditedAsync(AuditActions.LabApiKeyCreated, ConsoleAccounts.Administrator.Email, "to revoke"));
        Assert.True(await AuditedAsync(AuditActions.LabApiKeyRevoked, ConsoleAccounts.Administrator.Email, "to revoke"));
        Assert.False(await factory.WithDbAsync(db => db.LabApiKeys.AnyAsync(k => k.Name == "to revoke" && k.Hash.Length != 32)));
    }

    [Fact]
    public async Task LabApi_ResetNeedsConfirmation_ModeSwitches_AndBothAreAuditedAsTheKeysOwner()
    {
        using var lab = await LabClientAsync();
        var server = await factory.ActivateServerAsync();
        try
        {
            using var unconfirmed = await lab.PostAsJsonAsync("/api/v1/lab/reset", new { confirm = "yes" });
            await Problems.ReadAsync(unconfirmed, HttpStatusCode.BadRequest, ErrorCodes.ResetNotConfirmed);
            Assert.True(await factory.WithDbAsync(db => db.LicenseServers.AnyAsync(s => s.Id == server.Id)));

            using var badMode = await lab.PutAsJsonAsync("/api/v1/lab/mode", new { mode = "medium" });
            await Problems.ReadAsync(badMode, HttpStatusCode.BadRequest, ErrorCodes.UnknownLicensingMode);
            using var strict = await lab.PutAsJsonAsync("/api/v1/lab/mode", new { mode = "strict" });
            var settings = await strict.ReadJsonAsync();
            Assert.Equal("strict", settings.GetProperty("effectiveMode").GetString());
            Assert.Equal("lenient", settings.GetProperty("configuredMode").GetString());

            using var reset = await lab.PostAsJsonAsync("/api/v1/lab/reset", new { confirm = "reset" });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.True((await reset.ReadJsonAsync()).GetProperty("licenseServers").GetInt32() >= 1);
            Assert.False(await factory.WithDbAsync(db => db.LicenseServers.AnyAsync(s => s.Id == server.Id)));
            Assert.True(await AuditedAsync(AuditActions.LabReset, ConsoleAccounts.Administrator.Email));
            Assert.True(await AuditedAsync(AuditActions.LabModeChanged, ConsoleAccounts.Administrator.Email, "Strict"));
        }
        finally
        {
            await NeutralAsync();
        }
    }

    [Fact]
    public async Task ApiKey_IsShownOnce_AndStoredOnlyAsAHash()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);

        var (key, id) = await CreateKeyAsync(admin, "shown once");
        var list = await HtmlPage.GetAsync(admin, "/lab/api-keys");

        Assert.StartsWith("chlab_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.Document.Body!.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(list.Document.QuerySelector($"[data-key='{id}']"));
        var stored = await factory.WithDbAsync(db => db.LabApiKeys.SingleAsync(k => k.Id == id));
        Assert.Equal(ServerCredentials.Hash(key), stored.Hash);
    }

    /// <summary>Signs in as the administrator, makes a lab API key on the page, returns a client that sends it.</summary>
    private async Task<HttpClient> LabClientAsync()
    {
        using var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator);
        var (key, _) = await CreateKeyAsync(admin, "test " + Guid.NewGuid().ToString("N")[..8]);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Lab-Api-Key", key);
        return client;
    }

    private static async Task<(string Key, Guid Id)> CreateKeyAsync(HttpClient admin, string name)
    {
        using var response = await (await HtmlPage.GetAsync(admin, "/lab/api-keys")).Form("#create-key").Fill("Name", name).SubmitAsync();
        var page = await HtmlPage.ReadAsync(admin, response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = page.Document.QuerySelector("[data-new-key]")!.TextContent.Trim();
        var id = Guid.Parse(page.Document.QuerySelectorAll("[data-key]").First(row => row.TextContent.Contains(name, StringComparison.Ordinal))
            .GetAttribute("data-key")!);
        return (key, id);
    }

    private static async Task SaveModeAsync(HttpClient admin, string mode)
    {
        using var response = await (await HtmlPage.GetAsync(admin, "/lab/settings")).Form("#mode-form").Fill("Mode", mode).SubmitAsync();
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    /// <summary>Everything off again, as the other tests of the class expect.</summary>
    private Task NeutralAsync() => factory.WithServicesAsync(async services =>
    {
        var admin = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Clearinghouse.Web.Lab.LabAdministrator>(services);
        await admin.SetModeAsync(null);
        await admin.SetFaultsAsync(new Clearinghouse.Web.Lab.FaultSettings(0, 0, null, null));
        return true;
    });

    private static async Task<string?> CataloguePhoneAsync(ClearinghouseFactory portal, string code)
    {
        using var client = portal.CreateClient();
        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/v1/catalog");
        return catalog.GetProperty("countries").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("phone").GetString();
    }

    private Task<bool> AuditedAsync(string action, string actor, string? detailsContain = null) =>
        factory.WithDbAsync(async db => (await db.AuditEntries.Where(e => e.Action == action && e.Actor == actor).ToListAsync())
            .Any(e => detailsContain is null || (e.Details ?? "").Contains(detailsContain, StringComparison.Ordinal) ||
                (e.Subject ?? "").Contains(detailsContain, StringComparison.Ordinal)));

    private static string[] ErrorSummary(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll(".error-summary li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];
}

public sealed class LabAdministrationTestsOnSqlite(ClearinghouseFactory factory) : LabAdministrationTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class LabAdministrationTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : LabAdministrationTests<PostgreSqlClearinghouseFactory>(factory);

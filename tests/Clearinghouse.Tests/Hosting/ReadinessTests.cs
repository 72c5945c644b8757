using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// The portal started with Database:MigrateOnStartup=false on a database whose migrations are not applied: it starts,
/// says what is missing, holds pages and the API with 503, and opens once another process applies the migrations.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly HostingFactory _factory = new(new Dictionary<string, string?>
    {
        ["Database:MigrateOnStartup"] = "false",
        ["Database:ReadinessCheckInterval"] = "00:00:00.2",
    });

    [Fact]
    public async Task Healthz_AnswersWithoutAskingTheDatabase()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_WhenMigrationsAreNotApplied_Is503AndSaysSo()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var database = Assert.Single((await response.ReadJsonAsync()).GetProperty("checks").EnumerateArray());
        Assert.Equal("database", database.GetProperty("name").GetString());
        var description = database.GetProperty("description").GetString()!;
        Assert.Contains("migrations are not applied", description, StringComparison.Ordinal);
        Assert.Contains("Database:MigrateOnStartup=true", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenMigrationsAreNotApplied_WarnsOnceAndLogsNoError()
    {
        using var client = _factory.CreateClient();
        using var _ = await client.GetAsync(new Uri("/manage-cals", UriKind.Relative));

        var warning = Assert.Single(_factory.Logs.Entries, e => e.Message.Contains("migrations are not applied", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Empty(ErrorsOtherThanTheKeyRing());
    }

    [Theory]
    [InlineData("/manage-cals")]
    [InlineData("/")]
    public async Task Page_WhenMigrationsAreNotApplied_Is503AndTellsTheOperatorWhatToDo(string url)
    {
        using var client = _factory.CreatePageClient();

        var page = await HtmlPage.GetAsync(client, url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Response.StatusCode);
        Assert.True(page.Response.Headers.RetryAfter is not null, "no Retry-After");
        Assert.Equal("The clearinghouse is not set up yet", page.Document.QuerySelector("h1")!.TextContent.Trim());
        var text = page.Document.QuerySelector("main")!.TextContent;
        Assert.Contains("Database:MigrateOnStartup=true", text, StringComparison.Ordinal);
        Assert.Contains("idempotent migration script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no such table", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_WhenMigrationsAreNotApplied_Is503WithAStableCode()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsJsonAsync(
            $"/api/v1/license-servers/{KeyPacks.NewLicenseServerId()}/key-pack-installations", new { keyPackId = KeyPacks.NewKeyPackId() });

        var problem = await Problems.ReadAsync(response, HttpStatusCode.ServiceUnavailable, "database-not-migrated");
        Assert.Contains("MigrateOnStartup", problem.Detail(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter is not null, "no Retry-After");
    }

    [Fact]
    public async Task StaticFilesAndSwagger_WhenMigrationsAreNotApplied_AreServed()
    {
        using var client = _factory.CreateClient();

        using var swagger = await client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        using var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task Portal_WhenAnotherProcessAppliesTheMigrations_OpensWithoutARestart()
    {
        using var client = _factory.CreatePageClient();
        using (var before = await client.GetAsync(new Uri("/manage-cals", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        }

        // Another process (or a DBA's script) migrates the same database.
        await using (var other = new SqliteClearinghouseDbContext(new DbContextOptionsBuilder<SqliteClearinghouseDbContext>()
            .UseSqlite(_factory.ConnectionString).Options))
        {
            await other.Database.MigrateAsync();
        }

        var page = await EventuallyAsync(client, "/manage-cals", HttpStatusCode.OK, TimeSpan.FromSeconds(10));

        Assert.NotNull(page.Document.QuerySelector("form"));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // The lab data a script does not bring (the countries) is seeded once the schema is there.
        var contact = await new Pages.ManageCals.ManageCalsWizard(client).RequestAsync(page, KeyPacks.NewLicenseServerId());
        Assert.True(contact.Document.QuerySelectorAll("option").Length > 200, "the contact step lists no countries");
        Assert.Empty(ErrorsOtherThanTheKeyRing());
    }

    public void Dispose() => _factory.Dispose();

    // Data Protection loads its key ring (kept in the database) as the host starts, and logs that it cannot while the
    // table is missing; it reads it again when first needed, after the migrations.
    private IEnumerable<LogEntry> ErrorsOtherThanTheKeyRing() =>
        _factory.Logs.Errors.Where(e => !e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));

    private static async Task<HtmlPage> EventuallyAsync(HttpClient client, string url, HttpStatusCode status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var page = await HtmlPage.GetAsync(client, url);
            if (page.Response.StatusCode == status || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, page.Response.StatusCode);
                return page;
            }

            await Task.Delay(100);
        }
    }
}

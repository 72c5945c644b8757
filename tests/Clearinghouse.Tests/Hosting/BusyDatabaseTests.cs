using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// Another connection holds the SQLite file's write lock: a write is answered quickly with 503 and Retry-After, saying
/// nothing was lost, logged as one warning; once the lock is released the same request goes through.
/// </summary>
public sealed class BusyDatabaseTests : IDisposable
{
    // Generous for a loaded machine, far from the 90 s a locked install took.
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private readonly HostingFactory _factory = new(new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" });

    [Fact]
    public async Task Install_WhileTheDatabaseIsLocked_Is503WithRetryAfterQuickly_ThenWorks()
    {
        using var client = _factory.CreateClient();
        var issued = await IssueAsync();

        HttpResponseMessage locked;
        var clock = Stopwatch.StartNew();
        await using (await HoldWriteLockAsync())
        {
            locked = await InstallAsync(client, issued);
        }

        clock.Stop();
        var problem = await Problems.ReadAsync(locked, HttpStatusCode.ServiceUnavailable, "database-busy");
        Assert.True(clock.Elapsed < Quickly, $"answered after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(locked.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 30 }, $"Retry-After: {locked.Headers.RetryAfter}");
        Assert.Contains("nothing was changed", problem.Detail(), StringComparison.Ordinal);
        AssertOneWarningAndNoError();

        using var again = await InstallAsync(client, issued);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task PagePost_WhileTheDatabaseIsLocked_Is503WithRetryAfterQuickly_ThenWorks()
    {
        var wizard = new ManageCalsWizard(_factory.CreatePageClient());
        var form = (await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement");
        _factory.Logs.Clear();

        HtmlPage page;
        var clock = Stopwatch.StartNew();
        await using (await HoldWriteLockAsync())
        {
            page = await HtmlPage.ReadAsync(wizard.Client, await form.SubmitAsync());
        }

        clock.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Response.StatusCode);
        Assert.True(clock.Elapsed < Quickly, $"answered after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(page.Response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 30 }, $"Retry-After: {page.Response.Headers.RetryAfter}");
        Assert.Equal("The clearinghouse is busy", page.Document.QuerySelector("h1")!.TextContent.Trim());
        var text = page.Document.QuerySelector("main")!.TextContent;
        Assert.Contains("nothing you entered was lost", text, StringComparison.Ordinal);
        Assert.Contains("in a few seconds", text, StringComparison.Ordinal);
        AssertOneWarningAndNoError();

        // The person sends the same form again: it goes through.
        var next = await wizard.AcceptAsync(form);
        Assert.Equal("contact", ManageCalsWizard.Step(next));
    }

    public void Dispose() => _factory.Dispose();

    private void AssertOneWarningAndNoError()
    {
        Assert.Empty(_factory.Logs.Errors);
        var warning = Assert.Single(_factory.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("DatabaseBusy", warning.Message, StringComparison.Ordinal);
        Assert.Contains("database is locked", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning.Message);
        Assert.Null(warning.Exception);
    }

    private async Task<IssuedKeyPack> IssueAsync()
    {
        // KeyPacks.IssueAsync wants a ClearinghouseFactory; this one issues through the same services.
        var now = DateTimeOffset.UtcNow;
        var request = new CalRequest
        {
            Id = Guid.NewGuid(), Channel = RequestChannel.Web, CreatedAt = now, UpdatedAt = now,
            TargetLicenseServerId = KeyPacks.NewLicenseServerId(), ReasonCode = "replaced", LicenseProgramCode = "enterprise-agreement",
            LastName = "Okafor", FirstName = "Ada", CompanyName = "Contoso Lab", CountryRegionCode = "US", AgreementNumber = KeyPacks.NewAgreementNumber(),
            ProductVersionCode = "windows-server-2022", CalTypeCode = "rds-per-user", Quantity = 25,
        };
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        db.CalRequests.Add(request);
        await db.SaveChangesAsync();
        var keyPack = await scope.ServiceProvider.GetRequiredService<Clearinghouse.Web.Licensing.KeyPackIssuer>().IssueAsync(request.Id);
        _factory.Logs.Clear();
        return new IssuedKeyPack(keyPack.Id, keyPack.LicenseServerId, keyPack.LicenseProgramCode, keyPack.ProductVersionCode,
            keyPack.CalTypeCode, keyPack.Quantity, keyPack.IssuedAt);
    }

    private static Task<HttpResponseMessage> InstallAsync(HttpClient client, IssuedKeyPack issued) =>
        client.PostAsJsonAsync($"/api/v1/license-servers/{issued.LicenseServerId}/key-pack-installations", new { keyPackId = issued.KeyPackId });

    /// <summary>Another connection (as another process would) takes the write lock until disposed.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"{_factory.ConnectionString};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}

using System.Net;
using Clearinghouse.Tests.Data;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// The data-protection keys behind antiforgery tokens and sign-in cookies, kept in the database: encrypted there when a
/// certificate is configured, and read by every instance that has it; as plain XML otherwise, said once at start.
/// Each test has a database of its own, since keys one test encrypts another could not read.
/// </summary>
public abstract class KeyProtectionTests<TFactory> : IDisposable
    where TFactory : ClearinghouseFactory, new()
{
    private readonly TemporaryFolder _folder = new();
    private readonly TFactory _database = new();

    [Fact]
    public async Task Keys_WithACertificate_AreEncryptedInTheDatabase_AndAnotherInstanceHonoursTheFirstsTokensAndCookies()
    {
        var certificate = TestCertificates.WritePfx(_folder.Path, "clearinghouse-keys");
        var logs = new CapturedLogs();
        using var first = Instance(logs, ("DataProtection:Certificate:Path", certificate), ("DataProtection:Certificate:Password", TestCertificates.Password));
        using var second = Instance(null, ("DataProtection:Certificate:Path", certificate), ("DataProtection:Certificate:Password", TestCertificates.Password));

        await AssertSignInCrossesInstancesAsync(first, second);

        var keys = await Keys(first);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
        });
        var said = Assert.Single(logs.Entries, e => e.Category == "Clearinghouse.Startup" && e.Message.Contains("Data-protection", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, said.Level);
        Assert.Contains("encrypted at rest with the certificate CN=clearinghouse-keys", said.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_AfterTheCertificateIsReplaced_AreStillReadWithThePreviousOne()
    {
        var old = TestCertificates.WritePfx(_folder.Path, "old-keys");
        var replacement = TestCertificates.WritePfx(_folder.Path, "new-keys");
        var logs = new CapturedLogs();
        using var before = Instance(null, ("DataProtection:Certificate:Path", old), ("DataProtection:Certificate:Password", TestCertificates.Password));
        using var after = Instance(logs,
            ("DataProtection:Certificate:Path", replacement), ("DataProtection:Certificate:Password", TestCertificates.Password),
            ("DataProtection:PreviousCertificates:0:Path", old), ("DataProtection:PreviousCertificates:0:Password", TestCertificates.Password));

        await AssertSignInCrossesInstancesAsync(before, after);

        Assert.Contains(logs.Entries, e => e.Message.Contains("CN=new-keys", StringComparison.Ordinal) &&
                                           e.Message.Contains("1 previous certificate", StringComparison.Ordinal));
        Assert.Empty(logs.Errors);
    }

    [Fact]
    public async Task Keys_WithoutACertificate_AreStoredAsBefore_AndTheStartSaysOnceHowToEncryptThem()
    {
        var logs = new CapturedLogs();
        using var first = Instance(logs);
        using var second = Instance(null);

        await AssertSignInCrossesInstancesAsync(first, second);

        var keys = await Keys(first);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<masterKey", xml, StringComparison.Ordinal));
        // (SQLite's migrations warn about a PRAGMA too; that is another matter.)
        var warning = Assert.Single(logs.Entries, e => e.Level >= LogLevel.Warning && !e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Equal("Clearinghouse.Startup", warning.Category);
        Assert.Contains("stored in the database unencrypted", warning.Message, StringComparison.Ordinal);
        Assert.Contains("DataProtection:Certificate:Path", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithTheWrongCertificatePassword_StopsWithOneLineNamingTheSetting()
    {
        var certificate = TestCertificates.WritePfx(_folder.Path, "clearinghouse-keys");
        var logs = new CapturedLogs();
        using var instance = Instance(logs, ("DataProtection:Certificate:Path", certificate), ("DataProtection:Certificate:Password", "wrong"));

        Assert.NotNull(Record.Exception(() => instance.Server));

        var said = Assert.Single(logs.Errors);
        Assert.Equal(LogLevel.Critical, said.Level);
        Assert.Contains("DataProtection:Certificate:Password", said.Message, StringComparison.Ordinal);
        Assert.Contains(certificate, said.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    // An instance of the portal on the test's database; started by its first use.
    private WebApplicationFactory<Program> Instance(CapturedLogs? logs, params (string Key, string Value)[] settings) =>
        _database.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            if (logs is not null)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(logs));
            }
        });

    /// <summary>
    /// The sign-in form loaded from <paramref name="first"/> is accepted by <paramref name="second"/> (its antiforgery
    /// token), and the session cookie <paramref name="second"/> then sets is honoured by <paramref name="first"/>.
    /// </summary>
    private static async Task AssertSignInCrossesInstancesAsync(WebApplicationFactory<Program> first, WebApplicationFactory<Program> second)
    {
        using var client = LoadBalancer.CreateClient(out var balancer, first, second);
        using (balancer)
        {
            using var signedIn = await client.SignInAsync(ConsoleAccounts.Representative, beforeSubmit: () => balancer.Target = 1);
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect,
                $"The second instance answered the first's sign-in form with {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");

            balancer.Target = 0;
            using var console = await client.GetAsync(new Uri("/console", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        }
    }

    private static Task<List<string>> Keys(WebApplicationFactory<Program> instance) =>
        instance.InDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
}

public sealed class KeyProtectionTestsOnSqlite : KeyProtectionTests<ClearinghouseFactory>;

[Trait("Database", "PostgreSql")]
public sealed class KeyProtectionTestsOnPostgreSql : KeyProtectionTests<PostgreSqlClearinghouseFactory>;

using System.Net;
using Clearinghouse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// Migrations are a deploy step outside Development: a Production start applies none unless configured, and
/// <c>Clearinghouse.Web.dll --migrate</c> (the compose file's migration service) applies them and exits. Also the
/// container's health check, <c>--probe</c>. Each through the portal's own process, as an operator runs it.
/// </summary>
public sealed class MigrationStepTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-migration-step-tests", Guid.NewGuid().ToString("N"));

    public MigrationStepTests() => Directory.CreateDirectory(_folder);

    private string DatabaseFile => Path.Combine(_folder, "clearinghouse.db");

    private Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings:Clearinghouse"] = $"Data Source={DatabaseFile}",
        // A request looks again at once whether the migrations were applied (by the --migrate step).
        ["Database:ReadinessCheckInterval"] = "00:00:00",
    };

    [Fact]
    public async Task Start_InProduction_AppliesNoMigration_ThenTheMigrateStepAppliesThemAndTheRunningPortalIsReady()
    {
        using var portal = PortalProcess.Start(Settings);
        var address = await portal.WaitUntilListeningAsync(Timeout);
        var readyz = new Uri(address, Web.Hosting.HealthEndpoints.ReadinessPath).ToString();

        var said = Assert.Single(portal.Lines, l => l.Contains("not applied", StringComparison.Ordinal));
        Assert.Contains("--migrate", said, StringComparison.Ordinal);
        Assert.Empty(await TablesAsync());
        using (var probe = PortalProcess.Run([Web.Hosting.HealthProbe.Switch, readyz]))
        {
            Assert.Equal(1, await probe.WaitForExitAsync(Timeout));
            Assert.Contains(": 503 ", probe.Output, StringComparison.Ordinal);
            Assert.Contains("not applied", probe.Output, StringComparison.Ordinal);
        }

        using (var migrate = PortalProcess.Run([Web.Hosting.ClearinghouseStartup.MigrateSwitch, .. Arguments(Settings)]))
        {
            Assert.Equal(0, await migrate.WaitForExitAsync(Timeout));
            var applied = Assert.Single(migrate.Lines, l => l.Contains("is up to date; migrations applied now:", StringComparison.Ordinal));
            Assert.EndsWith(string.Join(", ", AllMigrations()), applied, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", migrate.Output, StringComparison.Ordinal);
        }

        using (var probe = PortalProcess.Run([Web.Hosting.HealthProbe.Switch, readyz]))
        {
            Assert.Equal(0, await probe.WaitForExitAsync(Timeout));
            Assert.Contains(": 200 ", probe.Output, StringComparison.Ordinal);
        }

        // The compose file runs the step on every `up`: with nothing pending it changes nothing. The switch may come
        // anywhere among the settings.
        using (var again = PortalProcess.Run([.. Arguments(Settings), Web.Hosting.ClearinghouseStartup.MigrateSwitch]))
        {
            Assert.Equal(0, await again.WaitForExitAsync(Timeout));
            Assert.Single(again.Lines, l => l.EndsWith("is up to date; migrations applied now: none", StringComparison.Ordinal));
        }

        // The catalogue's lab data came with the migration step.
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM CountriesRegions";
        Assert.Equal(249L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Start_InDevelopment_OnAFreshDatabase_MigratesIt_AsDotnetRunDoes()
    {
        using var portal = PortalProcess.Start(Settings, environment: "Development");
        var address = await portal.WaitUntilListeningAsync(Timeout);

        using var client = new HttpClient { BaseAddress = address };
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("__EFMigrationsHistory", await TablesAsync());
    }

    [Fact]
    public async Task Migrate_WhenTheDatabaseCannotBeReached_SaysWhyInOneLineAndExitsNonZero()
    {
        using var migrate = PortalProcess.Run([
            Web.Hosting.ClearinghouseStartup.MigrateSwitch,
            "--Database:Provider=PostgreSql",
            $"--ConnectionStrings:Clearinghouse=Host=127.0.0.1;Port={ClosedPort()};Database=clearinghouse;Username=lab;Password=x;Timeout=2",
            "--Database:StartupAttempts=2",
            "--Database:StartupRetryDelay=00:00:00.1",
        ]);

        Assert.Equal(1, await migrate.WaitForExitAsync(Timeout));
        Assert.Single(migrate.Lines, l => l.Contains("could not be reached in 2 attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(migrate.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--probe", "not a url" }, 2)]
    [InlineData(new[] { "--probe", "http://127.0.0.1:1/healthz" }, 1)]
    public async Task Probe_WithoutAnAddressOrWithNothingListening_FailsAtOnce(string[] arguments, int expected)
    {
        using var probe = PortalProcess.Run(arguments);

        Assert.Equal(expected, await probe.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Single(probe.Lines);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static IEnumerable<string> Arguments(Dictionary<string, string> settings) => settings.Select(s => $"--{s.Key}={s.Value}");

    private static string[] AllMigrations()
    {
        using var db = new SqliteClearinghouseDbContext(
            new DbContextOptionsBuilder<SqliteClearinghouseDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.Database.GetMigrations()];
    }

    private async Task<List<string>> TablesAsync()
    {
        var tables = new List<string>();
        if (!File.Exists(DatabaseFile))
        {
            return tables;
        }

        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

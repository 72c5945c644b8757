using System.Diagnostics;
using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Clearinghouse.Tests.Hosting;

/// <summary>The portal started as a real process: what an operator sees when it starts, or when it cannot.</summary>
public sealed class StartupProcessTests : IDisposable
{
    private const string Password = "n0t-in-any-log";

    // Short, so a database that cannot be reached is given up on in seconds.
    private static readonly Dictionary<string, string> QuickRetries = new()
    {
        ["Database:StartupAttempts"] = "2",
        ["Database:StartupRetryDelay"] = "00:00:00.2",
    };

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-process-tests", Guid.NewGuid().ToString("N"));

    public StartupProcessTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Startup_WithAnUnknownProvider_NamesTheAllowedValuesAndStops(string environment)
    {
        using var portal = PortalProcess.Start(new Dictionary<string, string> { ["Database:Provider"] = "Oracle" }, environment);

        var exitCode = await portal.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        var said = Assert.Single(portal.Lines, l => l.Contains("Oracle", StringComparison.Ordinal));
        Assert.Contains("Database:Provider", said, StringComparison.Ordinal);
        Assert.Contains("Sqlite, SqlServer, PostgreSql", said, StringComparison.Ordinal);
        AssertNoStackTrace(portal);
    }

    [Fact]
    public async Task Startup_WithSqlServerAndNoConnectionString_SaysWhatIsMissingAndStops()
    {
        using var portal = PortalProcess.Start(new Dictionary<string, string> { ["Database:Provider"] = "SqlServer" });

        var exitCode = await portal.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Single(portal.Lines, l => l.Contains("ConnectionStrings:Clearinghouse", StringComparison.Ordinal));
        AssertNoStackTrace(portal);
    }

    [Theory]
    [InlineData("Database:StartupAttempts", "0", "Database:StartupAttempts is 0")]
    [InlineData("Database:SqliteBusyTimeout", "00:00:00", "Database:SqliteBusyTimeout is 00:00:00")]
    [InlineData("Database:StartupRetryDelay", "soon", "'soon' at 'Database:StartupRetryDelay'")]
    [InlineData("Licensing:Mode", "Sloppy", "'Sloppy' at 'Licensing:Mode'")]
    [InlineData("Licensing:Mode", "7", "Licensing:Mode must be Lenient or Strict.")]
    [InlineData("Logging:Format", "xml", "Logging:Format must be simple or json.")]
    [InlineData("Https:Redirect", "maybe", "'maybe' at 'Https:Redirect'")]
    [InlineData("RateLimits:Shared", "maybe", "'maybe' at 'RateLimits:Shared'")]
    [InlineData("DataProtection:Certificate:Path", "no-such-certificate.pfx", "no-such-certificate.pfx', which does not exist.")]
    public async Task Startup_WithASettingItCannotUse_NamesItAndStops(string setting, string value, string expected)
    {
        using var portal = PortalProcess.Start(new Dictionary<string, string>
        {
            [setting] = value,
            ["ConnectionStrings:Clearinghouse"] = $"Data Source={Path.Combine(_folder, "clearinghouse.db")}",
        });

        var exitCode = await portal.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Single(portal.Lines, l => l.Contains(expected, StringComparison.Ordinal));
        AssertNoStackTrace(portal);
        Assert.False(File.Exists(Path.Combine(_folder, "clearinghouse.db")), "the database was touched before the settings were checked");
    }

    [Fact]
    public async Task Startup_WithSqlServerAtAClosedPort_FailsWithAConnectionErrorNamingTheServer()
    {
        var settings = new Dictionary<string, string>(QuickRetries)
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Clearinghouse"] =
                $"Server=127.0.0.1,{ClosedPort()};Database=Clearinghouse;User Id=sa;Password={Password};TrustServerCertificate=true;Connect Timeout=2",
        };
        var clock = Stopwatch.StartNew();
        using var portal = PortalProcess.Start(settings);

        var exitCode = await portal.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up after {clock.Elapsed.TotalSeconds:0} s");
        var said = Assert.Single(portal.Lines, l => l.Contains("could not be reached in 2 attempts", StringComparison.Ordinal));
        Assert.Contains("SqlServer server 127.0.0.1,", said, StringComparison.Ordinal);
        Assert.Contains("database Clearinghouse", said, StringComparison.Ordinal);
        // It got as far as the network: SqlClient's own connection error, not a globalization or settings error.
        Assert.Contains("error occurred while establishing a connection to SQL Server", said, StringComparison.Ordinal);
        Assert.DoesNotContain("Globalization", portal.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, portal.Output, StringComparison.Ordinal);
        AssertNoStackTrace(portal);
    }

    [Fact]
    public async Task Startup_WithPostgreSqlAtAClosedPort_FailsWithAConnectionErrorNamingTheServer()
    {
        var port = ClosedPort();
        var settings = new Dictionary<string, string>(QuickRetries)
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Clearinghouse"] = $"Host=127.0.0.1;Port={port};Database=clearinghouse;Username=lab;Password={Password};Timeout=2",
        };
        var clock = Stopwatch.StartNew();
        using var portal = PortalProcess.Start(settings);

        var exitCode = await portal.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up after {clock.Elapsed.TotalSeconds:0} s");
        var said = Assert.Single(portal.Lines, l => l.Contains("could not be reached in 2 attempts", StringComparison.Ordinal));
        Assert.Contains($"PostgreSql server 127.0.0.1:{port}, database clearinghouse", said, StringComparison.Ordinal);
        Assert.Contains($"Failed to connect to 127.0.0.1:{port}", said, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, portal.Output, StringComparison.Ordinal);
        AssertNoStackTrace(portal);
    }

    [Fact]
    public async Task Startup_OnAFreshSqliteFile_SaysOnceWhereTheDataLivesAndLogsNoError()
    {
        var file = Path.Combine(_folder, "fresh.db");
        using var portal = PortalProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Clearinghouse"] = $"Data Source={file}",
            ["Database:MigrateOnStartup"] = "true",
        });

        var address = await portal.WaitUntilListeningAsync(StartTimeout);

        var said = Assert.Single(portal.Lines, l => l.Contains("starting in environment", StringComparison.Ordinal));
        Assert.Contains($"Clearinghouse {Clearinghouse.Web.Hosting.ClearinghouseStartup.Version} ", said, StringComparison.Ordinal);
        Assert.Contains("environment Production", said, StringComparison.Ordinal);
        Assert.Contains($"Sqlite file {file}", said, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = address };
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain(portal.Lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        AssertNoStackTrace(portal);
    }

    [Fact]
    public async Task Startup_OfTwoInstancesAtOnce_OnOneFreshDatabase_BothListen()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Clearinghouse"] = $"Data Source={Path.Combine(_folder, "shared.db")}",
            ["Database:MigrateOnStartup"] = "true",
        };
        using var first = PortalProcess.Start(settings);
        using var second = PortalProcess.Start(settings);

        await Task.WhenAll(first.WaitUntilListeningAsync(StartTimeout), second.WaitUntilListeningAsync(StartTimeout));

        Assert.DoesNotContain(first.Lines.Concat(second.Lines), l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "shared.db")}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM CountriesRegions";
        Assert.Equal(249L, (long)(await count.ExecuteScalarAsync())!);
    }

    /// <summary>
    /// PostgreSQL reports a missing history table as an error on a first migration; the portal must not, even with two
    /// instances creating the database at once, on the server <c>./test.sh</c> starts (see <see cref="TestDatabase"/>).
    /// </summary>
    [Fact]
    [Trait("Database", "PostgreSql")]
    public async Task Startup_OfTwoInstancesAtOnce_OnANewPostgreSqlDatabase_LogsNoError()
    {
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgreSqlVariable) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException($"This test needs a PostgreSQL server: run ./test.sh, or set {TestDatabase.PostgreSqlVariable}.");

        var database = $"clearinghouse_startup_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Clearinghouse"] = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
        };
        try
        {
            using var first = PortalProcess.Start(settings);
            using var second = PortalProcess.Start(settings);

            await Task.WhenAll(first.WaitUntilListeningAsync(StartTimeout), second.WaitUntilListeningAsync(StartTimeout));

            Assert.Single(first.Lines, l => l.Contains("PostgreSql server", StringComparison.Ordinal) && l.Contains(database, StringComparison.Ordinal));
            Assert.DoesNotContain(first.Lines.Concat(second.Lines), l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static void AssertNoStackTrace(PortalProcess portal)
    {
        Assert.DoesNotContain(portal.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", portal.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", portal.Output, StringComparison.Ordinal);
    }

    // A loopback port nothing listens on: bound and released, so the system just handed it out and will not again soon.
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

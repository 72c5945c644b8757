using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Clearinghouse.BrowserTests;

/// <summary>
/// The real portal on a real socket (Kestrel, 127.0.0.1, a port the system picks) so that a browser can visit it,
/// with a SQLite file of its own, migrated at start-up as in production and deleted afterwards.
/// </summary>
public sealed class PortalHost : WebApplicationFactory<Program>
{
    private readonly string _databasePath =
        Path.Combine(Path.GetTempPath(), $"clearinghouse-browser-{Guid.NewGuid():N}.db");

    public PortalHost()
    {
        // Port 0: the factory binds http://127.0.0.1:0 (loopback only) and reads back the port it got.
        UseKestrel(0);
    }

    /// <summary>Where the portal listens, e.g. http://127.0.0.1:41234/; known once the server has started.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: the pages run with the production error handling.
        builder.UseEnvironment("Testing");

        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Clearinghouse", $"Data Source={_databasePath}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();

        // Pooled connections keep the file open; release them before deleting it (and its WAL companions).
        SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_databasePath + suffix);
        }
    }
}

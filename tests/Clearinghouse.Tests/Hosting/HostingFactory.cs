using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// The portal in memory on an SQLite file of its own (deleted afterwards), with the settings a hosting test gives it
/// and its logs captured. SQLite on purpose: these tests lock the file, or start on one that is not migrated.
/// </summary>
public class HostingFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-hosting-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _onLoopback;

    /// <param name="onLoopback">
    /// Serve on a real socket (Kestrel, 127.0.0.1, a port the system picks) rather than in memory, for what only a real
    /// connection has: a client address, Kestrel's own headers. Clients then call it over plain HTTP.
    /// </param>
    public HostingFactory(
        IDictionary<string, string?>? settings = null, string environment = "Testing", Action<IServiceCollection>? services = null,
        bool onLoopback = false)
    {
        Directory.CreateDirectory(_folder);
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _environment = environment;
        _services = services;
        _onLoopback = onLoopback;
        if (onLoopback)
        {
            UseKestrel(0);
        }
        else
        {
            // Over https, as production serves it: a client sends the portal's Secure cookies back over https only.
            ClientOptions.BaseAddress = Infrastructure.ClearinghouseFactory.SecureAddress;
        }
    }

    public string DatabasePath => Path.Combine(_folder, "clearinghouse.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    public CapturedLogs Logs { get; } = new();

    /// <summary>A client that does not follow redirects, keeping cookies, over https in memory or http on loopback.</summary>
    public HttpClient CreatePageClient()
    {
        if (!_onLoopback)
        {
            return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        }

        // The factory's own client for a real socket follows redirects whatever it is told; this one does not. The
        // address is known once the server listens.
        StartServer();
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = ClientOptions.BaseAddress };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", ConnectionString);
        // Off by default outside Development; a test about an unmigrated database turns it off again.
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}", "true");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}

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

    public HostingFactory(
        IDictionary<string, string?>? settings = null, string environment = "Testing", Action<IServiceCollection>? services = null)
    {
        Directory.CreateDirectory(_folder);
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        _environment = environment;
        _services = services;
    }

    public string DatabasePath => Path.Combine(_folder, "clearinghouse.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    public CapturedLogs Logs { get; } = new();

    public HttpClient CreatePageClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

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

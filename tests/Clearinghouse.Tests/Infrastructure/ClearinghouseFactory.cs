using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// Hosts the portal in memory on its own SQLite database file, created and migrated at start-up exactly as in
/// production, and deleted when the factory is disposed. Share one per test class (<c>IClassFixture</c>); each test
/// makes its own data.
/// </summary>
public sealed class ClearinghouseFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _ownsFolder;

    public ClearinghouseFactory()
        : this(Path.Combine(Path.GetTempPath(), "clearinghouse-tests", Guid.NewGuid().ToString("N")), ownsFolder: true)
    {
    }

    private ClearinghouseFactory(string folder, bool ownsFolder)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
    }

    /// <summary>
    /// A second portal on this one's database, as after a restart (or as another instance behind a load balancer).
    /// The database stays until this factory, its owner, is disposed.
    /// </summary>
    public ClearinghouseFactory OnTheSameDatabase() => new(_folder, ownsFolder: false);

    public string DatabasePath => Path.Combine(_folder, "clearinghouse.db");

    /// <summary>
    /// A client for pages: redirects are not followed, so a test sees each Post/Redirect/Get step (see
    /// <see cref="HtmlPage.FollowRedirectAsync"/>); cookies, antiforgery's included, are kept between requests.
    /// </summary>
    public HttpClient CreatePageClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs <paramref name="action"/> with services from a new scope, as one request would see them.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="action"/> against the portal's own database, through its DbContext.</summary>
    public Task<T> WithDbAsync<T>(Func<ClearinghouseDbContext, Task<T>> action) =>
        WithServicesAsync(services => action(services.GetRequiredService<ClearinghouseDbContext>()));

    public Task WithDbAsync(Func<ClearinghouseDbContext, Task> action) =>
        WithDbAsync(async db =>
        {
            await action(db);
            return true;
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: exception pages must not show, as in production.
        builder.UseEnvironment("Testing");
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}", "true");
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", $"Data Source={DatabasePath}");

        // Test clients have no address, so they share one rate-limit partition; the limit has its own tests.
        builder.UseSetting("RateLimits:NewRequestsBurst", "100000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
        {
            // Pooled connections keep the file (and its -wal and -shm companions) open.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}

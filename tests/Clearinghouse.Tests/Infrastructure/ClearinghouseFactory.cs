using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// Hosts the portal in memory on a database of its own (SQLite here; PostgreSQL with
/// <see cref="PostgreSqlClearinghouseFactory"/>), created and migrated at start-up exactly as in production, and
/// removed when the factory is disposed. Share one per test class (<c>IClassFixture</c>); each test makes its own data.
/// </summary>
/// <remarks>
/// A test class that runs on both providers is an abstract generic class over the factory with one sealed subclass
/// per provider (see ManageCalsPageTests); the PostgreSQL one carries <c>[Trait("Database", "PostgreSql")]</c>.
/// </remarks>
public class ClearinghouseFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;

    public ClearinghouseFactory()
        : this(TestDatabase.Create(DatabaseProvider.Sqlite), ownsDatabase: true)
    {
    }

    protected ClearinghouseFactory(TestDatabase database, bool ownsDatabase)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;

        // Over https, as production serves it: every cookie is Secure outside Development, and a client sends a Secure
        // cookie (antiforgery's among them) back over https only.
        ClientOptions.BaseAddress = SecureAddress;
    }

    /// <summary>The address test clients call the in-memory portal at (the console's and the forms' cookies are Secure).</summary>
    public static Uri SecureAddress { get; } = new("https://localhost");

    public TestDatabase Database { get; }

    /// <summary>
    /// A second portal on this one's database, as after a restart (or as another instance behind a load balancer).
    /// The database stays until this factory, its owner, is disposed.
    /// </summary>
    public ClearinghouseFactory OnTheSameDatabase() => new(Database, ownsDatabase: false);

    /// <summary>The SQLite file, for tests about SQLite itself.</summary>
    public string DatabasePath => Database is SqliteTestDatabase sqlite
        ? sqlite.FilePath
        : throw new InvalidOperationException($"The portal runs on {Database.Provider}, not on an SQLite file.");

    /// <summary>
    /// A client for pages: redirects are not followed, so a test sees each Post/Redirect/Get step (see
    /// <see cref="HtmlPage.FollowRedirectAsync"/>); cookies, antiforgery's included, are kept between requests.
    /// </summary>
    public HttpClient CreatePageClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = SecureAddress });

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
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", Database.Provider.ToString());
        builder.UseSetting($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}", "true");
        builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", Database.ConnectionString);

        // Test clients have no address, so they share one rate-limit partition; the limit has its own tests.
        builder.UseSetting("RateLimits:NewRequestsBurst", "100000");
        builder.UseSetting("RateLimits:ApiRequestsBurstPerClient", "100000");
        builder.UseSetting("RateLimits:ApiRequestsBurstPerServer", "100000");

        // A lab administrator and a representative, as a lab profile seeds them (see ConsoleAccounts).
        if (SeedsAccounts)
        {
            builder.UseSetting("Accounts:Seed:0:Email", ConsoleAccounts.Administrator.Email);
            builder.UseSetting("Accounts:Seed:0:Password", ConsoleAccounts.Administrator.Password);
            builder.UseSetting("Accounts:Seed:0:Roles", "LabAdministrator");
            builder.UseSetting("Accounts:Seed:1:Email", ConsoleAccounts.Representative.Email);
            builder.UseSetting("Accounts:Seed:1:Password", ConsoleAccounts.Representative.Password);
            builder.UseSetting("Accounts:Seed:1:Roles", "Representative");
        }
    }

    /// <summary>Whether the portal starts with the accounts of <see cref="ConsoleAccounts"/>.</summary>
    protected virtual bool SeedsAccounts => true;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            Database.Dispose();
        }
    }
}

/// <summary>The portal with no account at all, as on its first run (the setup page is open).</summary>
public sealed class UnseededClearinghouseFactory : ClearinghouseFactory
{
    protected override bool SeedsAccounts => false;
}

/// <summary>A fresh PostgreSQL database with no accounts at all: the first run.</summary>
public sealed class UnseededPostgreSqlClearinghouseFactory()
    : ClearinghouseFactory(TestDatabase.Create(DatabaseProvider.PostgreSql), ownsDatabase: true)
{
    protected override bool SeedsAccounts => false;
}

/// <summary>The portal on a PostgreSQL database of its own, on the server <c>./test.sh</c> starts.</summary>
public sealed class PostgreSqlClearinghouseFactory()
    : ClearinghouseFactory(TestDatabase.Create(DatabaseProvider.PostgreSql), ownsDatabase: true);

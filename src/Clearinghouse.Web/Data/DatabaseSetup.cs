using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Clearinghouse.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations when the portal starts. Off unless configured: applying a schema change is a deploy
    /// step (<c>--migrate</c>, or the idempotent script), not a side effect of starting an instance.
    /// appsettings.Development.json turns it on, so that <c>dotnet run</c> on a fresh machine creates the database.
    /// </summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>How many times the portal tries to reach the database at start before it gives up.</summary>
    public int StartupAttempts { get; set; } = 5;

    /// <summary>The wait between two of those attempts.</summary>
    public TimeSpan StartupRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an SQLite write waits for another connection's lock before it fails (and the request answers 503).
    /// Whole seconds; Microsoft.Data.Sqlite's default of 30 s held a request for half a minute. Also the longest wait for
    /// a turn among the portal's own writers (<see cref="SqliteWriteGate"/>).
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>SQL Server: how often a command that failed with a transient error is retried.</summary>
    public int SqlServerRetryCount { get; set; } = 2;

    /// <summary>SQL Server: the longest wait before such a retry.</summary>
    public TimeSpan SqlServerMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While migrations are not applied, how often a request may look again whether they are (they may be applied by
    /// another process or a script); pages and the API answer 503 in between.
    /// </summary>
    public TimeSpan ReadinessCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Checks the settings at start (ValidateOnStart), naming each wrong one with what it may be.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        Range(nameof(options.StartupAttempts), options.StartupAttempts, 1, 100);
        Range(nameof(options.StartupRetryDelay), options.StartupRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Range(nameof(options.SqliteBusyTimeout), options.SqliteBusyTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Range(nameof(options.SqlServerRetryCount), options.SqlServerRetryCount, 0, 10);
        Range(nameof(options.SqlServerMaxRetryDelay), options.SqlServerMaxRetryDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Range(nameof(options.ReadinessCheckInterval), options.ReadinessCheckInterval, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Range<T>(string setting, T value, T min, T max) where T : IComparable<T>
        {
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{DatabaseOptions.Section}:{setting} is {value}; it must be from {min} to {max}."));
            }
        }
    }
}

/// <summary>
/// The database the portal uses, resolved from the settings once: the provider, the connection string and where the
/// data lives, for the start-up line and error messages (the SQLite file's full path, or the server and database
/// name; never the password).
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Location)
{
    public override string ToString() => $"{Provider} {Location}";
}

/// <summary>A setting the portal cannot start with, said in one line; reported (and the start stopped) once logging is up.</summary>
public sealed record StartupProblem(string Message);

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Clearinghouse";

    private const string DefaultSqliteConnectionString = "Data Source=App_Data/clearinghouse.db";

    /// <summary>The key of the PostgreSQL advisory lock that serialises migrations ("CLRHOUSE" in ASCII).</summary>
    private const long PostgreSqlMigrationLock = 0x434C52484F555345;

    /// <summary>
    /// Registers the DbContext for the configured provider. Settings it cannot use do not throw here (there is no
    /// logger yet): they are registered as <see cref="StartupProblem"/>s, which the start-up reports in one line.
    /// </summary>
    public static IServiceCollection AddClearinghouseDatabase(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        var (target, problem) = Resolve(configuration, environment.ContentRootPath);
        if (target is null)
        {
            services.AddSingleton(new StartupProblem(problem!));
            // The start-up stops before anything asks for one; registered so that the container (validated on build in
            // Development) is complete.
            services.AddScoped<ClearinghouseDbContext>(_ => throw new InvalidOperationException(problem));
            return services;
        }

        services.AddSingleton(target);
        switch (target.Provider)
        {
            case DatabaseProvider.Sqlite:
                // One gate per database file this container writes to (SqliteWriteGate).
                services.AddSingleton(provider => new SqliteWriteGate(
                    provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqliteBusyTimeout,
                    provider.GetService<Hosting.ClearinghouseMetrics>()));
                services.AddDbContextPool<ClearinghouseDbContext, SqliteClearinghouseDbContext>(Configure);
                if (IsSqliteFile(target.ConnectionString))
                {
                    // Disposed with the container, which closes its connections.
                    services.AddSingleton(provider => new SqlitePointReads(SqliteWithBusyTimeout(
                        target, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value)));
                }

                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<ClearinghouseDbContext, SqlServerClearinghouseDbContext>(Configure);
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<ClearinghouseDbContext, PostgreSqlClearinghouseDbContext>(Configure);
                break;
        }

        return services;

        void Configure(IServiceProvider provider, DbContextOptionsBuilder builder) =>
            ConfigureProvider(builder, target, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
                provider.GetService<SqliteWriteGate>());
    }

    /// <summary>
    /// The database the settings name, or (when they name none this portal can use) what is wrong with them, in one
    /// line that names the setting.
    /// </summary>
    internal static (DatabaseTarget? Target, string? Problem) Resolve(IConfiguration configuration, string contentRoot)
    {
        var setting = $"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}";
        var configured = configuration[setting];
        var provider = ParseProvider(configured);
        if (provider is null && !string.IsNullOrWhiteSpace(configured))
        {
            return (null, $"{setting} is '{configured}', which is not a database this portal supports; " +
                          $"use one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider is not (null or DatabaseProvider.Sqlite) && string.IsNullOrWhiteSpace(connectionString))
        {
            return (null, $"{setting} is {provider}, so ConnectionStrings:{ConnectionStringName} must name the server " +
                          "and database; it is not set.");
        }

        try
        {
            return (Target(provider ?? DatabaseProvider.Sqlite, connectionString, contentRoot), null);
        }
        catch (ArgumentException exception)
        {
            // The builders name the keyword they could not take, not its value.
            return (null, $"ConnectionStrings:{ConnectionStringName} is not a valid {provider ?? DatabaseProvider.Sqlite} " +
                          $"connection string: {exception.Message}");
        }
    }

    private static DatabaseTarget Target(DatabaseProvider provider, string? connectionString, string contentRoot)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString, contentRoot);
                var file = new SqliteConnectionStringBuilder(sqlite);
                return new(provider, sqlite, IsSqliteFile(sqlite) ? $"file {file.DataSource}" : $"in memory ({file.DataSource})");
            case DatabaseProvider.SqlServer:
                var sql = new SqlConnectionStringBuilder(connectionString);
                return new(provider, connectionString!, $"server {sql.DataSource}, database {Named(sql.InitialCatalog)}");
            default:
                var postgres = new NpgsqlConnectionStringBuilder(connectionString);
                return new(provider, connectionString!, string.Create(CultureInfo.InvariantCulture,
                    $"server {postgres.Host}:{postgres.Port}, database {Named(postgres.Database)}"));
        }

        static string Named(string? database) => string.IsNullOrEmpty(database) ? "(the login's default)" : database;
    }

    private static bool IsSqliteFile(string connectionString)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        return sqlite.Mode != SqliteOpenMode.Memory && sqlite.DataSource is not ("" or ":memory:");
    }

    // Microsoft.Data.Sqlite retries a locked database until the command timeout: that is the busy timeout.
    private static string SqliteWithBusyTimeout(DatabaseTarget target, DatabaseOptions options) =>
        new SqliteConnectionStringBuilder(target.ConnectionString)
        {
            DefaultTimeout = (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds),
        }.ToString();

    // Names only, in any case: the binder would also take "1" for SqlServer, which nobody means.
    private static DatabaseProvider? ParseProvider(string? value) =>
        Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase))
            is { } name ? Enum.Parse<DatabaseProvider>(name) : null;

    internal static void ConfigureProvider(
        DbContextOptionsBuilder builder, DatabaseTarget target, DatabaseOptions options, SqliteWriteGate? writeGate = null)
    {
        switch (target.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteWithBusyTimeout(target, options));
                if (writeGate is not null)
                {
                    builder.AddInterceptors(writeGate);
                }

                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(target.ConnectionString, sql => sql.EnableRetryOnFailure(
                    options.SqlServerRetryCount, options.SqlServerMaxRetryDelay, errorNumbersToAdd: null));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(target.ConnectionString);
                break;
        }

        // A failed command is logged once, by whoever handles the exception: a busy or unreachable database as one
        // warning line (503), anything else as an error with its stack trace. EF Core's own error entries for the same
        // failure (with the command text) stay available at Debug under Microsoft.EntityFrameworkCore.
        builder.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug)));
    }

    /// <summary>
    /// Creates the database when missing, applies pending migrations, then seeds what the lab may change (the countries
    /// and their phone numbers). One attempt; the start-up retries it, and decides whether to call it at all
    /// (<see cref="DatabaseOptions.MigrateOnStartup"/>, or <c>--migrate</c>). Returns the migrations it applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateClearinghouseDatabaseAsync(
        this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for writers; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Create the database and the history table first, as migrating would. PostgreSQL's migrator reads the history
        // table before creating it and logs the expected "does not exist" as an error (npgsql/efcore.pg#3407): a first
        // start would begin with an error entry that means nothing.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (DbException)
            {
                // Another instance starting at the same time created it first; anything else stands.
                if (!await creator.ExistsAsync(cancellationToken))
                {
                    throw;
                }
            }
        }

        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        IReadOnlyList<string> applied;
        if (db.Database.IsNpgsql())
        {
            // Npgsql's migration lock is released at the end of each migration's transaction, so two instances starting
            // at once could interleave and apply the same later migration twice ("column already exists"). A
            // session-level advisory lock on the connection EF migrates with is held across all of them.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({PostgreSqlMigrationLock})", cancellationToken);
                applied = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({PostgreSqlMigrationLock})", cancellationToken);
            }
            finally
            {
                // Closing the connection ends the session, which releases the lock if the migration failed.
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            // SQL Server and SQLite hold their own migration lock across all of them; another instance migrating at
            // the same moment may still apply some of these first, so this is "pending when we looked".
            applied = [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
            await db.Database.MigrateAsync(cancellationToken);
        }

        await CatalogueSeeder.SeedAsync(db, cancellationToken);
        return applied;
    }

    /// <summary>
    /// Makes a relative SQLite file path relative to the portal's content root (not the shell's directory), and
    /// creates its folder, so the database is created on first run wherever the portal is started from.
    /// </summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? DefaultSqliteConnectionString : configured);
        var isFile = builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:");
        if (isFile)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Apply pending migrations when the portal starts (on by default, so a first run needs nothing).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Clearinghouse";

    public static IServiceCollection AddClearinghouseDatabase(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString, environment.ContentRootPath);
                services.AddDbContextPool<ClearinghouseDbContext, SqliteClearinghouseDbContext>(o => o.UseSqlite(sqlite));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:Provider is SqlServer, so ConnectionStrings:{ConnectionStringName} must name the server.");
                }

                services.AddDbContextPool<ClearinghouseDbContext, SqlServerClearinghouseDbContext>(
                    o => o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:Provider is PostgreSql, so ConnectionStrings:{ConnectionStringName} must name the server.");
                }

                services.AddDbContextPool<ClearinghouseDbContext, PostgreSqlClearinghouseDbContext>(o => o.UseNpgsql(connectionString));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported.");
        }

        return services;
    }

    public static async Task MigrateClearinghouseDatabaseAsync(this IServiceProvider services)
    {
        if (!services.GetRequiredService<DatabaseOptions>().MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        if (db.Database.IsSqlite())
        {
            // Readers no longer wait for writers; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await db.Database.MigrateAsync();
        await CatalogueSeeder.SeedAsync(db);
    }

    /// <summary>
    /// Makes a relative SQLite file path relative to the portal's content root (not the shell's directory), and
    /// creates its folder, so the database is created on first run wherever the portal is started from.
    /// </summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/clearinghouse.db" : configured);
        var isFile = builder.Mode != SqliteOpenMode.Memory && builder.DataSource is not ("" or ":memory:");
        if (isFile)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }
}

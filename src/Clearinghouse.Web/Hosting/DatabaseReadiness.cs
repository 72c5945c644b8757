using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Hosting;

public enum DatabaseState
{
    /// <summary>Reachable, every migration applied, the catalogue seeded.</summary>
    Ready,

    /// <summary>Reachable, but migrations are not applied (Database:MigrateOnStartup=false and nobody applied them).</summary>
    NotMigrated,

    /// <summary>Could not be asked: unreachable or busy.</summary>
    Unavailable,
}

/// <param name="Problem">What stands in the way, in one line; null when ready.</param>
public sealed record DatabaseStatus(DatabaseState State, IReadOnlyList<string> PendingMigrations, string? Problem);

/// <summary>Thrown for a request that needs the database while its migrations are not applied; answered with 503.</summary>
public sealed class DatabaseNotMigratedException : Exception
{
    public DatabaseNotMigratedException()
        : base("The database's migrations are not applied.")
    {
    }

    public DatabaseNotMigratedException(string message)
        : base(message)
    {
    }

    public DatabaseNotMigratedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Marks a page that must work without the database (the error page that explains it is not ready).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WorksWithoutDatabaseAttribute : Attribute;

/// <summary>
/// Whether the database is ready for requests. Once it is (normally from the start), asking costs one field read.
/// Until then — the portal was started with Database:MigrateOnStartup=false on a database whose migrations are not
/// applied — requests are answered with 503, and one of them looks again at most every
/// <see cref="DatabaseOptions.ReadinessCheckInterval"/>, so migrations applied by another process or a script are
/// noticed without a restart.
/// </summary>
public sealed partial class DatabaseReadiness(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, TimeProvider clock, ILogger<DatabaseReadiness> logger)
{
    private readonly SemaphoreSlim _checking = new(1, 1);
    private volatile bool _ready;
    private volatile bool _wasNotMigrated;
    private long _nextCheck;

    public bool IsReady => _ready;

    /// <summary>The hot path: true at once when ready; otherwise looks again if it is time and nobody else is looking.</summary>
    public async ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return true;
        }

        if (clock.GetTimestamp() < Interlocked.Read(ref _nextCheck) || !await _checking.WaitAsync(0, cancellationToken))
        {
            return false;
        }

        try
        {
            return (await CheckAsync(cancellationToken)).State == DatabaseState.Ready;
        }
        finally
        {
            var interval = (long)(options.Value.ReadinessCheckInterval.TotalSeconds * clock.TimestampFrequency);
            Interlocked.Exchange(ref _nextCheck, clock.GetTimestamp() + interval);
            _checking.Release();
        }
    }

    /// <summary>
    /// Asks the database now: can it be reached, are all migrations applied? The first time they are, seeds the
    /// catalogue's lab data (countries), which a migration script applied by hand does not.
    /// </summary>
    public async Task<DatabaseStatus> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                _ready = false;
                _wasNotMigrated = true;
                return new DatabaseStatus(DatabaseState.NotMigrated, pending, NotMigratedProblem(pending));
            }

            if (!_ready)
            {
                await CatalogueSeeder.SeedAsync(db, cancellationToken);
                _ready = true;
                if (_wasNotMigrated)
                {
                    LogNowReady(logger);
                }
            }

            return new DatabaseStatus(DatabaseState.Ready, [], null);
        }
        catch (Exception exception) when (DatabaseErrors.Classify(exception) != DatabaseFault.None)
        {
            return new DatabaseStatus(DatabaseState.Unavailable, [], DatabaseErrors.Describe(exception));
        }
    }

    /// <summary>What to tell the operator when migrations are not applied.</summary>
    public static string NotMigratedProblem(IReadOnlyCollection<string> pending) =>
        $"{pending.Count} database migration{(pending.Count == 1 ? " is" : "s are")} not applied ({string.Join(", ", pending)}). " +
        $"Apply {(pending.Count == 1 ? "it" : "them")}: run the portal once with {ClearinghouseStartup.MigrateSwitch}, or start it " +
        $"with {DatabaseOptions.Section}:{nameof(DatabaseOptions.MigrateOnStartup)}=true, or run the idempotent migration " +
        "script (see the README).";

    [LoggerMessage(Level = LogLevel.Information, Message = "The database's migrations are applied now: pages and the API are open.")]
    private static partial void LogNowReady(ILogger logger);
}

public static class DatabaseReadinessGate
{
    /// <summary>
    /// Answers requests for pages and the API with 503 (through the exception handler, which knows how to say it)
    /// while the database is not ready. Static files, Swagger, the health endpoints and the error page are not held.
    /// Goes after UseRouting, which tells which endpoint a request is for.
    /// </summary>
    public static IApplicationBuilder UseDatabaseReadinessGate(this IApplicationBuilder app)
    {
        var readiness = app.ApplicationServices.GetRequiredService<DatabaseReadiness>();
        return app.Use(async (context, next) =>
        {
            if (!readiness.IsReady && NeedsDatabase(context) && !await readiness.IsReadyAsync(context.RequestAborted))
            {
                throw new DatabaseNotMigratedException();
            }

            await next(context);
        });
    }

    private static bool NeedsDatabase(HttpContext context) =>
        context.GetEndpoint() is { } endpoint &&
        endpoint.Metadata.GetMetadata<WorksWithoutDatabaseAttribute>() is null &&
        (Api.LicenseServerApi.IsApiRequest(context) || endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null);
}

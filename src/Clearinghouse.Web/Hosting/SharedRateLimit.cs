using System.Globalization;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Hosting;

/// <summary>Whether the rate limits are counted in the database, for every instance together (section "RateLimits").</summary>
public sealed class SharedRateLimitOptions
{
    /// <summary>
    /// <c>RateLimits:Shared</c>: true counts in the database, false in each instance only. Unset: shared on SQL Server
    /// and PostgreSQL (the databases several instances share), per instance on SQLite (one machine, one instance).
    /// </summary>
    public bool? Shared { get; set; }
}

/// <summary>
/// One limit on one partition: <see cref="Burst"/> requests per window of Burst / PerMinute minutes, so the sustained
/// rate is <see cref="PerMinute"/> and no more than <see cref="Burst"/> come at once — the same two numbers as the
/// instance's own token bucket. Counted in fixed windows, judged over a sliding one: the previous window's count,
/// weighted by how much of it the sliding window still covers, plus the current window's.
/// </summary>
public readonly record struct SharedLimit(string PartitionKey, int Burst, int PerMinute)
{
    public long WindowMilliseconds => Math.Max(1000, 60_000L * Burst / PerMinute);

    /// <summary>
    /// Null when a request counted as the <paramref name="current"/>th of its window (after <paramref name="previous"/>
    /// in the one before) is allowed, <paramref name="elapsed"/> milliseconds into the window; otherwise how long until
    /// one more would be.
    /// </summary>
    public TimeSpan? Refusal(int previous, int current, long elapsed)
    {
        var length = (double)WindowMilliseconds;
        if (previous * (1 - (elapsed / length)) + current <= Burst)
        {
            return null;
        }

        // Within this window, the previous one's weight falls until one more fits; or, when this window alone holds
        // too many, that happens in the next one, as this one's weight falls there.
        var wait = current < Burst
            ? ((1 - ((double)(Burst - current - 1) / previous)) * length) - elapsed
            : (length - elapsed) + ((1 - ((double)(Burst - 1) / current)) * length);
        return TimeSpan.FromMilliseconds(Math.Max(1000, wait));
    }
}

/// <summary>
/// The rate limits that must hold for the clearinghouse as a whole rather than for each instance behind the load
/// balancer (the API's per client and per license server, and starting requests on the site): each instance's own
/// token buckets still refuse first, in memory, and what they let through is counted in the database — one round trip
/// that adds the request to each of its partitions' current window and reads back that count and the previous
/// window's (an upsert on SQLite and PostgreSQL, MERGE on SQL Server). Past a limit: 429 with Retry-After.
/// </summary>
/// <remarks>See docs/decisions/0010-rate-limits-shared-through-the-database.md.</remarks>
public static class SharedRateLimit
{
    public static IServiceCollection AddSharedRateLimit(this IServiceCollection services)
    {
        services.AddOptions<SharedRateLimitOptions>().BindConfiguration(NewRequestLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<SharedRateLimiter>();
        services.AddSingleton<SharedRateLimitPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<SharedRateLimitPurge>());
        return services;
    }

    /// <summary>After UseRateLimiter (the instance's own limits refuse first, without the database) and the readiness gate.</summary>
    public static IApplicationBuilder UseSharedRateLimit(this IApplicationBuilder app)
    {
        var limiter = app.ApplicationServices.GetRequiredService<SharedRateLimiter>();
        return limiter.IsEnabled ? app.Use(LimitAsync) : app;
    }

    private static async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        var services = context.RequestServices;
        List<SharedLimit> limits =
        [
            .. ApiRateLimit.SharedLimits(context, services.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value),
            .. NewRequestRateLimit.SharedLimits(context, services.GetRequiredService<IOptions<NewRequestLimitOptions>>().Value),
        ];
        if (limits.Count > 0)
        {
            var wait = await services.GetRequiredService<SharedRateLimiter>()
                .AcquireAsync(services.GetRequiredService<ClearinghouseDbContext>(), limits, context.RequestAborted);
            if (wait is { } retryAfter)
            {
                // Answered as the instance's own limiter answers: problem details on the API, the error page on the site.
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return;
            }
        }

        await next(context);
    }
}

/// <summary>Counts requests in the database's <see cref="RateLimitWindow"/>s; see <see cref="SharedRateLimit"/>.</summary>
public sealed class SharedRateLimiter(IOptions<SharedRateLimitOptions> options, IOptions<DatabaseOptions> database, TimeProvider clock)
{
    // The statement for one and for two partitions (a request is limited in at most two), made once.
    private readonly string?[] _statements = new string?[3];

    public bool IsEnabled { get; } = options.Value.Shared ?? database.Value.Provider != DatabaseProvider.Sqlite;

    /// <summary>
    /// Counts the request in each limit's current window; null when every limit still allows it, otherwise how long
    /// until the limit it is past would allow one more. A busy or unreachable database throws, as any query would.
    /// </summary>
    public async Task<TimeSpan?> AcquireAsync(ClearinghouseDbContext db, IReadOnlyList<SharedLimit> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(limits);

        // Always in the same order, so two statements never lock the same two rows the other way round.
        var ordered = limits.OrderBy(l => l.PartitionKey, StringComparer.Ordinal).ToList();
        var now = clock.GetUtcNow();
        var nowMilliseconds = now.ToUnixTimeMilliseconds();

        var entity = db.Model.FindEntityType(typeof(RateLimitWindow))!;
        var partitionMapping = entity.FindProperty(nameof(RateLimitWindow.PartitionKey))!.GetRelationalTypeMapping();
        var windowMapping = entity.FindProperty(nameof(RateLimitWindow.WindowNumber))!.GetRelationalTypeMapping();
        var expiresMapping = entity.FindProperty(nameof(RateLimitWindow.ExpiresAt))!.GetRelationalTypeMapping();

        var database = db.Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = database.GetDbConnection().CreateCommand();
            command.CommandText = Statement(db, ordered.Count);
            var windows = new Dictionary<string, (SharedLimit Limit, long Elapsed)>(StringComparer.Ordinal);
            for (var i = 0; i < ordered.Count; i++)
            {
                var limit = ordered[i];
                var window = nowMilliseconds / limit.WindowMilliseconds;
                windows[limit.PartitionKey] = (limit, nowMilliseconds - (window * limit.WindowMilliseconds));

                // Kept through the next window too, which weighs this one's count.
                var expires = DateTimeOffset.FromUnixTimeMilliseconds((window + 2) * limit.WindowMilliseconds);
                command.Parameters.Add(partitionMapping.CreateParameter(command, $"@k{i}", limit.PartitionKey));
                command.Parameters.Add(windowMapping.CreateParameter(command, $"@n{i}", window));
                command.Parameters.Add(expiresMapping.CreateParameter(command, $"@e{i}", expires));
            }

            TimeSpan? wait = null;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (limit, elapsed) = windows[reader.GetString(0)];
                var previous = await reader.IsDBNullAsync(2, cancellationToken) ? 0 : reader.GetInt32(2);
                if (limit.Refusal(previous, reader.GetInt32(1), elapsed) is { } refusal && (wait is null || refusal > wait))
                {
                    wait = refusal;
                }
            }

            return wait;
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private string Statement(ClearinghouseDbContext db, int partitions) =>
        _statements[partitions] ??= Build(db.GetService<ISqlGenerationHelper>(), db.Database.IsSqlServer(), partitions);

    private static string Build(ISqlGenerationHelper sql, bool isSqlServer, int partitions)
    {
        var table = sql.DelimitIdentifier("RateLimitWindows");
        var key = sql.DelimitIdentifier(nameof(RateLimitWindow.PartitionKey));
        var window = sql.DelimitIdentifier(nameof(RateLimitWindow.WindowNumber));
        var count = sql.DelimitIdentifier(nameof(RateLimitWindow.RequestCount));
        var expires = sql.DelimitIdentifier(nameof(RateLimitWindow.ExpiresAt));
        if (isSqlServer)
        {
            // HOLDLOCK: of two MERGEs finding no row, one waits instead of both inserting. OUTPUT takes no subquery, so
            // the previous windows are read in a second statement of the same batch.
            var source = string.Join(", ", Enumerable.Range(0, partitions).Select(i => $"(@k{i}, @n{i}, @e{i})"));
            return $"DECLARE @counted TABLE ({key} varchar({FieldLengths.RateLimitPartition}), {window} bigint, {count} int); " +
                   $"MERGE {table} WITH (HOLDLOCK) AS w USING (VALUES {source}) AS s ({key}, {window}, {expires}) " +
                   $"ON w.{key} = s.{key} AND w.{window} = s.{window} " +
                   $"WHEN MATCHED THEN UPDATE SET {count} = w.{count} + 1 " +
                   $"WHEN NOT MATCHED THEN INSERT ({key}, {window}, {count}, {expires}) VALUES (s.{key}, s.{window}, 1, s.{expires}) " +
                   $"OUTPUT inserted.{key}, inserted.{window}, inserted.{count} INTO @counted; " +
                   $"SELECT c.{key}, c.{count}, p.{count} FROM @counted AS c " +
                   $"LEFT JOIN {table} AS p ON p.{key} = c.{key} AND p.{window} = c.{window} - 1;";
        }

        // SQLite (3.35 and later) and PostgreSQL take the same upsert, and read the previous window in RETURNING.
        var rows = string.Join(", ", Enumerable.Range(0, partitions).Select(i => $"(@k{i}, @n{i}, 1, @e{i})"));
        return $"INSERT INTO {table} ({key}, {window}, {count}, {expires}) VALUES {rows} " +
               $"ON CONFLICT ({key}, {window}) DO UPDATE SET {count} = {table}.{count} + 1 " +
               $"RETURNING {key}, {count}, " +
               $"(SELECT p.{count} FROM {table} AS p WHERE p.{key} = {table}.{key} AND p.{window} = {table}.{window} - 1);";
    }
}

/// <summary>Deletes the windows that have ended, in the background, once a minute.</summary>
public sealed partial class SharedRateLimitPurge(
    IServiceScopeFactory scopes,
    SharedRateLimiter limiter,
    DatabaseReadiness readiness,
    TimeProvider clock,
    ILogger<SharedRateLimitPurge> logger)
    : PeriodicPurge(readiness, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string What => "ended rate-limit windows";

    public override async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        if (!limiter.IsEnabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        var now = Clock.GetUtcNow();
        return await db.RateLimitWindows.Where(w => w.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}

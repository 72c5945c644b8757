using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Api;

/// <summary>How idempotent answers are kept (section "Idempotency").</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key's first answer is replayed; after that the key may be used afresh.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired answers are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a retry waits for the first request with its key to finish, before 409 in-flight.</summary>
    public TimeSpan WaitForFirst { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// <c>Idempotency-Key</c> on the API's POSTs and DELETEs: a client that retries after a timeout with the same key and
/// body gets the first answer again (status, body, Location, and <c>Idempotency-Replayed: true</c>), not a second key
/// pack or server. The same key with another body is 422 <c>idempotency-key-reused</c>. The record is inserted before
/// the request runs, and a unique index on (scope, key) lets exactly one of two racing requests in: the other waits
/// for the first answer (or, after <see cref="IdempotencyOptions.WaitForFirst"/>, 409 <c>idempotency-key-in-flight</c>
/// with Retry-After). The records are in the database, so every instance of the portal answers alike.
/// </summary>
/// <remarks>
/// A key is scoped to the operation (route) and the license server in its address, which the credential has proved,
/// so two servers cannot collide on a key. A 5xx answer is not kept: the failure may pass, and a retry runs again.
/// </remarks>
public static class Idempotency
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>()
            .BindConfiguration(IdempotencyOptions.Section)
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.WaitForFirst >= TimeSpan.Zero &&
                    o.PurgeInterval > TimeSpan.Zero && o.PurgeInterval.TotalMilliseconds <= uint.MaxValue - 1,
                $"{IdempotencyOptions.Section}: Lifetime and PurgeInterval (under 49 days) must be positive, WaitForFirst not negative.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Deletes expired answers in the background (<see cref="IdempotencyPurge"/>); needs the portal's database.</summary>
    public static IServiceCollection AddIdempotencyPurge(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<IdempotencyPurge>());
        return services;
    }

    /// <summary>Takes an Idempotency-Key on this operation. Put it after the credential check, before validation.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(InvokeAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(KeyHeader, out var values))
        {
            return await next(context);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > FieldLengths.IdempotencyKey || key.Any(c => c is < ' ' or > '~'))
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, ErrorCodes.MalformedIdempotencyKey,
                "The Idempotency-Key is not valid.", "Send one Idempotency-Key of 1 to 100 printable ASCII characters, e.g. a UUID.");
        }

        var options = http.RequestServices.GetRequiredService<IOptions<IdempotencyOptions>>().Value;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var scopes = http.RequestServices.GetRequiredService<IServiceScopeFactory>();
        var scope = ScopeOf(http);
        var fingerprint = http.BodyHash();
        var cancellationToken = http.RequestAborted;

        while (true)
        {
            var record = new IdempotencyRecord
            {
                Id = Guid.NewGuid(),
                Scope = scope,
                Key = key,
                FingerprintHash = fingerprint,
                CreatedAt = clock.GetUtcNow(),
            };
            if (await TryInsertAsync(scopes, record, cancellationToken))
            {
                return await RunAsync(context, next, scopes, record.Id);
            }

            // Another request has the key: wait for its answer while it runs.
            var deadline = clock.GetUtcNow() + options.WaitForFirst;
            IdempotencyRecord? first;
            while (true)
            {
                first = await FindAsync(scopes, scope, key, cancellationToken);
                if (first is null || first.Completed || clock.GetUtcNow() >= deadline)
                {
                    break;
                }

                await Task.Delay(PollInterval, clock, cancellationToken);
            }

            if (first is null)
            {
                // It failed (a 5xx is not kept) or expired meanwhile: this one runs.
                continue;
            }

            if (first.CreatedAt < clock.GetUtcNow() - options.Lifetime)
            {
                await DeleteAsync(scopes, first.Id, cancellationToken);
                continue;
            }

            if (!CryptographicOperations.FixedTimeEquals(first.FingerprintHash, fingerprint))
            {
                return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                    "The Idempotency-Key was used with another request.",
                    "This Idempotency-Key was sent before with a different body. Use a new key for a new request; " +
                    "send the same body to get the first answer again.");
            }

            if (!first.Completed)
            {
                http.Response.Headers.RetryAfter = "1";
                return ApiProblems.Problem(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyKeyInFlight,
                    "The first request with this Idempotency-Key is still running.",
                    "Retry after Retry-After seconds with the same key to get its answer.");
            }

            return Replay(first);
        }
    }

    private static async Task<object?> RunAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, IServiceScopeFactory scopes, Guid recordId)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            // Not kept: a retry runs again. Not on the request's token: it may be what was cancelled.
            await DeleteAsync(scopes, recordId, CancellationToken.None);
            throw;
        }

        if (result is not IResult answer)
        {
            await DeleteAsync(scopes, recordId, CancellationToken.None);
            return result;
        }

        // The answer is written to a buffer first, so that what is kept is exactly what the client gets.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await answer.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        if (status >= 500)
        {
            await DeleteAsync(scopes, recordId, CancellationToken.None);
        }
        else
        {
            var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var location = http.Response.Headers.Location.ToString();
            var contentType = http.Response.ContentType;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
            await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.StatusCode, status)
                .SetProperty(r => r.Location, location.Length == 0 ? null : location)
                .SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.Body, body), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private static Replayed Replay(IdempotencyRecord first) => new(first);

    /// <summary>The route (not the address as typed) and the license server in it, canonical.</summary>
    private static string ScopeOf(HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? string.Empty;
        var server = IdFormat.LicenseServerId.Parse(http.GetRouteValue(ApiAuthentication.RouteKey) as string).Value;
        var scope = string.Create(CultureInfo.InvariantCulture, $"{http.Request.Method} {route} {server}").TrimEnd();
        return scope.Length <= FieldLengths.IdempotencyScope ? scope : scope[..FieldLengths.IdempotencyScope];
    }

    private static async Task<bool> TryInsertAsync(IServiceScopeFactory scopes, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    private static async Task<IdempotencyRecord?> FindAsync(
        IServiceScopeFactory scopes, string scopeName, string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        return await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scopeName && r.Key == key, cancellationToken);
    }

    private static async Task DeleteAsync(IServiceScopeFactory scopes, Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        await db.IdempotencyRecords.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The first answer again, as it was written, marked as replayed.</summary>
    private sealed class Replayed(IdempotencyRecord first) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = first.StatusCode ?? StatusCodes.Status200OK;
            response.Headers[ReplayedHeader] = "true";
            if (first.Location is { } location)
            {
                response.Headers.Location = location;
            }

            if (first.ContentType is { } contentType)
            {
                response.ContentType = contentType;
            }

            if (!string.IsNullOrEmpty(first.Body))
            {
                await response.WriteAsync(first.Body, Encoding.UTF8, httpContext.RequestAborted);
            }
        }
    }
}

/// <summary>
/// Deletes idempotent answers older than <see cref="IdempotencyOptions.Lifetime"/>, at start and then every
/// <see cref="IdempotencyOptions.PurgeInterval"/>, on each instance (one statement: instances running it at once do no
/// harm). A retry after that runs afresh.
/// </summary>
public sealed partial class IdempotencyPurge(
    IServiceScopeFactory scopes,
    IOptions<IdempotencyOptions> options,
    Hosting.DatabaseReadiness readiness,
    TimeProvider clock,
    ILogger<IdempotencyPurge> logger)
    : Hosting.PeriodicPurge(readiness, clock, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override string What => "expired idempotent API answers";

    public override async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.Lifetime;
        var deleted = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPurged(deleted);
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotent API answers.")]
    private partial void LogPurged(int count);
}

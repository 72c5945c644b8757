using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// /healthz: the process is alive (asks nothing else). /readyz: the database can be reached and its migrations are
/// applied; 503 otherwise, with a JSON body saying which. Neither needs the database to be ready, nor a sign-in. Both
/// answer the portal's version (the assembly's informational version) in their JSON.
/// </summary>
public static class HealthEndpoints
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private const string ReadinessTag = "ready";

    public static IServiceCollection AddClearinghouseHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapClearinghouseHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessTag),
            ResponseWriter = WriteAsync,
            // Degraded is "alive but not ready" here (see DatabaseHealthCheck): not ready is 503.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),

            // Which build answers: during a rolling deployment, each instance says which one it runs.
            version = ClearinghouseStartup.Version,
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}

/// <summary>
/// The database part of /readyz. Not ready is reported as Degraded — the process is fine and the fix is the
/// operator's — so that a readiness probe logs a warning, not an error; Unhealthy is left for the check itself failing.
/// </summary>
internal sealed partial class DatabaseHealthCheck(DatabaseReadiness readiness, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await readiness.CheckAsync(cancellationToken);
        return status.State switch
        {
            DatabaseState.Ready => HealthCheckResult.Healthy("The database can be reached and its migrations are applied."),
            DatabaseState.NotMigrated => HealthCheckResult.Degraded(status.Problem),
            _ => Unreachable(status.Problem!),
        };
    }

    // The reason (from the provider: server names, paths) is for the log, not for whoever can reach /readyz.
    private HealthCheckResult Unreachable(string reason)
    {
        LogUnreachable(logger, reason);
        return HealthCheckResult.Degraded("The database cannot be reached.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: the database cannot be reached: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);
}

using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Lab;

public static class LabAdministrationServices
{
    /// <summary>
    /// Lab administration: its pages (/lab/…, a lab administrator's sign-in, see Accounts/PageAuthorization.cs and
    /// docs/decisions/0008-lab-administration-behind-sign-in.md), its API (/api/v1/lab, a lab API key) and the run-time
    /// settings every request reads (<see cref="LabState"/>): the licensing mode, the ID seed, fault injection.
    /// </summary>
    public static IServiceCollection AddLabAdministration(this IServiceCollection services)
    {
        services.AddSingleton<LabState>();
        services.AddSingleton(provider =>
        {
            var lab = provider.GetRequiredService<LabState>();
            return new LicensingModeSource(() => lab.Mode);
        });
        services.AddScoped<IssuedIds>();
        services.AddScoped<LabAdministrator>();
        services.AddScoped<IssuedListing>();
        return services;
    }

    /// <summary>
    /// Reads the lab's settings before the request goes on, when what this instance keeps is older than
    /// <see cref="LabState.CacheFor"/>; then, on the license-server API, injects the faults they set.
    /// </summary>
    public static IApplicationBuilder UseLabState(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var lab = app.ApplicationServices.GetRequiredService<LabState>();
        app.Use(async (context, next) =>
        {
            // Not for static files, nor for the probes and metrics, which must answer while the database cannot
            // (not reachable, not migrated yet): they report that rather than fail on the lab's settings.
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/css") && !path.StartsWithSegments("/js") &&
                path != HealthEndpoints.LivenessPath && path != HealthEndpoints.ReadinessPath && path != Telemetry.MetricsPath)
            {
                await lab.GetAsync(context.RequestAborted);
            }

            await next(context);
        });
        app.UseMiddleware<FaultInjection>();
        return app;
    }
}

using System.Data.Common;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

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
            // Nor for an error page shown for a request that failed (the database may be what failed), and a database
            // that cannot be read leaves the settings as they were: the request's own work then meets the fault.
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/css") && !path.StartsWithSegments("/js") && !path.StartsWithSegments("/swagger") &&
                path != HealthEndpoints.LivenessPath && path != HealthEndpoints.ReadinessPath && path != Telemetry.MetricsPath &&
                context.Features.Get<IExceptionHandlerFeature>() is null && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                try
                {
                    await lab.GetAsync(context.RequestAborted);
                }
                catch (Exception exception) when (exception is DbException or DbUpdateException)
                {
                    // Logged, if at all, by whatever the request does next with the same database.
                }
            }

            await next(context);
        });
        app.UseMiddleware<FaultInjection>();
        return app;
    }
}

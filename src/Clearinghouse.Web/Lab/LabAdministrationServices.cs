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
            if (!context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js") &&
                !context.Request.Path.StartsWithSegments("/health"))
            {
                await lab.GetAsync(context.RequestAborted);
            }

            await next(context);
        });
        app.UseMiddleware<FaultInjection>();
        return app;
    }
}

using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Hosting;

/// <summary>How the portal insists on HTTPS (section <c>Https</c>). Each defaults to on outside Development.</summary>
public sealed class HttpsSettings
{
    public const string Section = "Https";

    /// <summary>Redirect plain-HTTP requests to HTTPS (not the probes and /metrics). Default: on outside Development.</summary>
    public bool? Redirect { get; set; }

    /// <summary>Mark every cookie Secure. Default: on outside Development.</summary>
    public bool? SecureCookies { get; set; }

    /// <summary>The Strict-Transport-Security max-age sent on HTTPS answers outside Development; zero sends none.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>
/// HTTPS as production wants it: plain HTTP redirected to HTTPS, Strict-Transport-Security on HTTPS answers, every cookie
/// Secure. The load balancer may terminate TLS: its X-Forwarded-Proto (believed from known proxies only, see
/// <see cref="LoadBalancer"/>) makes a request HTTPS here. Probes (/healthz, /readyz) and /metrics are never redirected:
/// a load balancer's health check and a scraper call the instance itself, over plain HTTP.
/// </summary>
public static class Https
{
    public static IServiceCollection AddHttpsDefaults(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var production = !environment.IsDevelopment();
        services.AddOptions<HttpsSettings>()
            .Bind(configuration.GetSection(HttpsSettings.Section))
            .PostConfigure(settings =>
            {
                settings.Redirect ??= production;
                settings.SecureCookies ??= production;
            })
            .Validate(s => s.HstsMaxAge >= TimeSpan.Zero, $"{HttpsSettings.Section}:{nameof(HttpsSettings.HstsMaxAge)} cannot be negative.")
            .ValidateOnStart();
        services.AddOptions<HstsOptions>().Configure<IOptions<HttpsSettings>>((options, settings) => options.MaxAge = settings.Value.HstsMaxAge);

        // Every cookie the portal writes goes through this policy (antiforgery, the console's sign-in, the language):
        // one place makes them Secure, rather than each cookie's own options.
        services.AddOptions<CookiePolicyOptions>().Configure<IOptions<HttpsSettings>>((options, settings) =>
            options.Secure = settings.Value.SecureCookies == true ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>After error handling (so that error pages get the header too) and before anything writes a cookie.</summary>
    public static IApplicationBuilder UseHttpsDefaults(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<HttpsSettings>>().Value;
        if (!app.Environment.IsDevelopment() && settings.HstsMaxAge > TimeSpan.Zero)
        {
            // Only on HTTPS answers, and not for localhost (a developer's other sites would be pinned to HTTPS too).
            app.UseHsts();
        }

        if (settings.Redirect == true)
        {
            // The HTTPS port is the one the portal listens on, or the https_port setting (ASPNETCORE_HTTPS_PORT) when
            // the load balancer's differs; with neither, the portal cannot tell where HTTPS is and says so in the log.
            app.UseWhen(context => !IsProbe(context.Request.Path), https => https.UseHttpsRedirection());
        }

        app.UseCookiePolicy();
        return app;
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpoints.LivenessPath) || path.StartsWithSegments(HealthEndpoints.ReadinessPath) ||
        path.StartsWithSegments(Telemetry.MetricsPath);
}

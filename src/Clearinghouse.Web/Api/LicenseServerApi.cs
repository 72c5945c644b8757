namespace Clearinghouse.Web.Api;

public static class LicenseServerApi
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// What the API needs beyond the portal's services: its endpoints are built when the portal starts, so a
    /// misconfigured one (see <see cref="ValidationFilter"/>) stops start-up instead of failing its first request.
    /// </summary>
    public static IServiceCollection AddLicenseServerApi(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, BuildEndpointsAtStartup>()
            .AddApiBodyLimit()
            .AddApiRateLimit()
            .AddIdempotency();

    /// <summary>The JSON API license servers call, versioned under /api/v1.</summary>
    public static IEndpointRouteBuilder MapLicenseServerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.MapLicenseServers();
        api.MapKeyPackInstallations();
        api.MapCatalog();
        api.MapLab();
        return app;
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);

    /// <summary>
    /// Builds every endpoint once the pipeline is configured (which is when the endpoints mapped in Program.cs reach
    /// routing), before the server takes requests. Routing caches what is built, so nothing is built twice.
    /// </summary>
    private sealed class BuildEndpointsAtStartup : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            _ = app.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints;
        };
    }
}

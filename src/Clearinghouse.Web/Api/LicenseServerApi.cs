namespace Clearinghouse.Web.Api;

public static class LicenseServerApi
{
    public const string Prefix = "/api/v1";

    /// <summary>The JSON API license servers call, versioned under /api/v1.</summary>
    public static IEndpointRouteBuilder MapLicenseServerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix);
        api.MapKeyPackInstallations();
        return app;
    }

    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);
}

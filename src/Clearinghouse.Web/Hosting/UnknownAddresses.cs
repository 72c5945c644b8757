using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// A request to an address nothing serves is 404, whatever its method. The static-asset fallback that serves files
/// from the build output (<c>{**path:file}</c>, GET and HEAD only) is a routing candidate for every path until its
/// constraint is checked, and routing checks the method first: without this, a POST to an unknown address is 405
/// with "Allow: GET, HEAD" (dotnet/aspnetcore#59964), and a form posted to a page that does not exist says its method
/// is wrong.
/// </summary>
public static class UnknownAddresses
{
    // The display name routing gives the endpoint it selects when the path matched but the method did not.
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    /// <summary>Goes right after UseRouting.</summary>
    public static IApplicationBuilder UseNotFoundForUnknownAddresses(this IApplicationBuilder app)
    {
        var endpoints = app.ApplicationServices.GetRequiredService<EndpointDataSource>();
        TemplateMatcher[]? addresses = null;
        return app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.DisplayName == MethodNotAllowedEndpoint)
            {
                // Only on this rare path: the addresses the portal serves, other than the static-asset fallback.
                addresses ??= [.. endpoints.Endpoints.OfType<RouteEndpoint>()
                    .Where(e => !IsStaticAssetFallback(e.RoutePattern))
                    .Select(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()))];
                if (!addresses.Any(a => a.TryMatch(context.Request.Path, new RouteValueDictionary())))
                {
                    context.SetEndpoint(null);
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
            }

            await next(context);
        });
    }

    private static bool IsStaticAssetFallback(RoutePattern pattern) =>
        pattern.Parameters is [{ IsCatchAll: true } parameter] && pattern.PathSegments.Count == 1 &&
        parameter.ParameterPolicies.Any(p => p.Content == "file");
}

using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// The headers every answer carries — pages, the API, static files, error pages, 404s — set once, just before the
/// answer starts, so that nothing later (an error page, a re-executed status page) goes out without them:
/// <list type="bullet">
/// <item>a Content-Security-Policy that allows the site's own files only: no inline script or style anywhere (site.js
/// and site.css are files), no framing (<c>frame-ancestors 'none'</c>, and X-Frame-Options: DENY for older browsers),
/// forms posted only to the portal. Swagger UI (/swagger) has a policy of its own (<see cref="SwaggerPolicy"/>);</item>
/// <item>X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (a wizard's address holds its request's id);</item>
/// <item>Cache-Control: no-store on every answer that does not say how it may be cached: pages carry a person's
/// contact details or a form's token, API answers a credential. Static files and the catalogue say so themselves.</item>
/// </list>
/// Kestrel sends no Server header.
/// </summary>
public static class SecurityHeaders
{
    public const string SitePolicy =
        "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Swagger UI's: its stylesheet draws icons from <c>data:</c> images, and its script adds one style element, allowed by
    /// its hash (not 'unsafe-inline'). A Swashbuckle update that changes that element fails the browser test
    /// ContentSecurityPolicyBrowserTests, which prints the new hash.
    /// </summary>
    public const string SwaggerPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; " +
        "base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string SwaggerPath = "/swagger";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);

        // Antiforgery would set X-Frame-Options: SAMEORIGIN on form pages only; every answer gets DENY here instead.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        return services;
    }

    /// <summary>First in the pipeline (after forwarded headers), so that every answer passes here.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(SwaggerPath) ? SwaggerPolicy : SitePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (string.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = "no-store";
        }
    }
}

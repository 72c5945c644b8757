using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Clearinghouse.Web.Localization;

/// <summary>
/// The languages the licensing site is offered in, and how a request's language is chosen: <c>?lang=</c> first (and
/// remembered in a cookie, so a language picked once stays picked), then that cookie, then the browser's
/// Accept-Language, then English. IDs and codes are the same in every language; labels, messages, dates and numbers
/// follow it.
/// </summary>
public static class SiteCultures
{
    public const string QueryKey = "lang";

    public const string Default = "en";

    /// <summary>The supported languages, each named in its own language for the picker.</summary>
    public static IReadOnlyList<(CultureInfo Culture, string NativeName)> Supported { get; } =
    [
        (CultureInfo.GetCultureInfo("en"), "English"),
        (CultureInfo.GetCultureInfo("de"), "Deutsch"),
        (CultureInfo.GetCultureInfo("ja"), "日本語"),
    ];

    public static IServiceCollection AddSiteLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(s => s.Culture).ToList();
            options.DefaultRequestCulture = new RequestCulture(Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Sets each request's culture; a supported <c>?lang=</c> is also remembered in the culture cookie.</summary>
    public static IApplicationBuilder UseSiteLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Query.TryGetValue(QueryKey, out var asked) &&
                Supported.FirstOrDefault(s => string.Equals(s.Culture.Name, asked.ToString(), StringComparison.OrdinalIgnoreCase))
                    is { Culture: { } culture })
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions
                    {
                        Expires = DateTimeOffset.UtcNow.AddYears(1),
                        IsEssential = true,
                        HttpOnly = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = context.Request.IsHttps,
                    });
            }

            await next(context);
        });
    }
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Clearinghouse.Web.Localization;

/// <summary>
/// The languages the licensing site is offered in, and how a request's language is chosen: <c>?lang=</c> first (and
/// remembered in a cookie, so a language picked once stays picked), then that cookie, then the browser's
/// Accept-Language, then English. IDs and codes are the same in every language; labels, messages, dates and numbers
/// follow it. The license-server API is machine-facing and always English (see <see cref="UseSiteLocalization"/>).
/// </summary>
public static class SiteCultures
{
    public const string QueryKey = "lang";

    public const string Default = "en";

    /// <summary>The supported languages, each named in its own language for the picker.</summary>
    public static IReadOnlyList<(CultureInfo Culture, string NativeName)> Supported { get; } =
    [
        (English(), "English"),
        (CultureInfo.GetCultureInfo("de"), "Deutsch"),
        (CultureInfo.GetCultureInfo("ja"), "日本語"),
    ];

    /// <summary>Query parameters a language link leaves out: the language itself, and a form handler's name.</summary>
    private static readonly string[] NotCarriedOver = [QueryKey, "handler"];

    public static IServiceCollection AddSiteLocalization(this IServiceCollection services)
    {
        services.AddLocalization();

        // T[...] in views fills texts in as Texts.Get does (see Texts): one way of putting a text together.
        services.AddSingleton<IStringLocalizer<Texts>, TextsLocalizer>();

        // Views read texts with markup (a <strong>, a link) through IHtmlLocalizer: the text is trusted, its
        // arguments are encoded.
        services.TryAddSingleton<IHtmlLocalizerFactory, HtmlLocalizerFactory>();
        services.TryAddTransient(typeof(IHtmlLocalizer<>), typeof(HtmlLocalizer<>));

        // Pages carry German and Japanese as characters, not as numeric references (&#x30E9;…) for every one of them:
        // only what HTML needs encoded (<, &, quotes…) is.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(s => s.Culture).ToList();
            options.DefaultRequestCulture = new RequestCulture(cultures[0]);
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

    /// <summary>
    /// Sets each page request's culture; a supported <c>?lang=</c> is also remembered in the culture cookie. API
    /// requests are answered in English whatever they ask for, with invariant formatting: tools read them, and their
    /// <c>detail</c> texts are documented in English.
    /// </summary>
    /// <remarks>
    /// A page the pipeline runs again — the error page after an exception or a status code — keeps the language its
    /// request was given the first time, so a 404 reached with <c>?lang=ja</c> says so in Japanese.
    /// </remarks>
    public static IApplicationBuilder UseSiteLocalization(this IApplicationBuilder app)
    {
        app.UseWhen(LicenseServerApi.IsApiRequest, api => api.Use((context, next) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return next(context);
        }));
        return app.UseWhen(context => !LicenseServerApi.IsApiRequest(context), site =>
        {
            site.UseWhen(context => context.Features.Get<IRequestCultureFeature>() is null,
                first => first.UseRequestLocalization().Use(RememberAsked));

            // Run again from further up the pipeline, the request no longer has the culture set on the way down the
            // first time (it flowed only downstream): set the one chosen then.
            site.Use((context, next) =>
            {
                var chosen = context.Features.Get<IRequestCultureFeature>()!.RequestCulture;
                CultureInfo.CurrentCulture = chosen.Culture;
                CultureInfo.CurrentUICulture = chosen.UICulture;
                return next(context);
            });
        });
    }

    /// <summary>
    /// The address of this page in <paramref name="culture"/>: the page's path and query (what it shows, such as the
    /// review page's <c>?changed</c>) with <c>lang</c> set. The error page links to the address that failed.
    /// </summary>
    public static string LinkTo(HttpContext context, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(culture);
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>();
        var failed = context.Features.Get<IExceptionHandlerPathFeature>();
        var path = reExecuted?.OriginalPath ?? failed?.Path ?? context.Request.Path.Value;
        var query = reExecuted is not null
            ? QueryHelpers.ParseQuery(reExecuted.OriginalQueryString)
            : context.Request.Query.ToDictionary(q => q.Key, q => q.Value);
        var kept = query
            .Where(q => !NotCarriedOver.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(value => KeyValuePair.Create(q.Key, value)))
            .Append(KeyValuePair.Create(QueryKey, (string?)culture.Name));
        return (string.IsNullOrEmpty(path) ? "/" : path) + QueryString.Create(kept).ToUriComponent();
    }

    private static async Task RememberAsked(HttpContext context, RequestDelegate next)
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
    }

    /// <summary>
    /// English as the site writes it for readers anywhere, not only in the United States: dates as 2026-11-28 and a
    /// 24-hour clock, which no reader can take for another day; numbers as 1,500. German and Japanese use their
    /// cultures' own formats (28.11.2026, 2026/11/28).
    /// </summary>
    private static CultureInfo English()
    {
        var english = new CultureInfo("en");
        english.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        english.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        english.DateTimeFormat.ShortTimePattern = "HH:mm";
        return CultureInfo.ReadOnly(english);
    }
}

using System.Globalization;
using Clearinghouse.Web.Localization;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// Runs code as a request in one of the site's languages runs: with that language's culture (the site's own, e.g. its
/// English with ISO dates) as the current culture and UI culture, restored afterwards. For tests that compute what a
/// page shows, or call a validator, in a given language.
/// </summary>
public static class SiteLanguage
{
    public static CultureInfo Culture(string name) =>
        SiteCultures.Supported.Single(s => s.Culture.Name == name).Culture;

    public static T In<T>(string name, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture(name);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

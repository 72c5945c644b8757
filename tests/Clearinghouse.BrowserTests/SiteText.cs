using System.Globalization;
using Clearinghouse.Web.Localization;

namespace Clearinghouse.BrowserTests;

/// <summary>A text of the site as a page in one of its languages shows it: computed under that language's culture.</summary>
public static class SiteText
{
    public static string In(string language, Func<string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = SiteCultures.Supported.Single(s => s.Culture.Name == language).Culture;
            return text();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}

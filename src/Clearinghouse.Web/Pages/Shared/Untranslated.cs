using Microsoft.AspNetCore.Mvc.Rendering;

namespace Clearinghouse.Web.Pages.Shared;

/// <summary>
/// A value within a sentence that is data, not text — an account's e-mail address — marked <c>translate="no"</c> so
/// that translation tools (and the tests that look for English left in other languages) leave it alone.
/// </summary>
public static class Untranslated
{
    public static TagBuilder Of(string? value)
    {
        var span = new TagBuilder("span");
        span.Attributes["translate"] = "no";
        span.InnerHtml.Append(value ?? string.Empty);
        return span;
    }
}

using System.Globalization;
using System.Resources;

namespace Clearinghouse.Web.Resources;

/// <summary>
/// Every text a person reads — labels, hints, messages, validation texts — in one set of resource files: Texts.resx
/// (English), Texts.de.resx, Texts.ja.resx. Pages read them through <c>IStringLocalizer&lt;Texts&gt;</c>; code without
/// a localizer at hand (the ID codec, validators) through <see cref="Get"/>. The language is the request's
/// (<see cref="CultureInfo.CurrentUICulture"/>, set by request localization).
/// </summary>
public sealed class Texts
{
    public static ResourceManager ResourceManager { get; } = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    /// <summary>The text named <paramref name="key"/> in the current language, with <paramref name="args"/> filled in.</summary>
    /// <exception cref="MissingManifestResourceException">No such text: a typo in the key, found by the tests.</exception>
    public static string Get(string key, params object?[] args)
    {
        var text = ResourceManager.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new MissingManifestResourceException($"No text named '{key}' in Resources/Texts.resx.");
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}

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

    /// <summary>A list as the current language writes it: "1, 4 and 7", "1, 4 und 7", "1、4、7".</summary>
    public static string JoinAnd(IReadOnlyList<string> items) => Join(items, "List.And");

    /// <summary>A choice as the current language writes it: "A, B or C", "A, B oder C", "A、B、または C".</summary>
    public static string JoinOr(IReadOnlyList<string> items) => Join(items, "List.Or");

    private static string Join(IReadOnlyList<string> items, string lastKey)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => Get(lastKey, string.Join(Get("List.Separator"), items.Take(items.Count - 1)), items[^1]),
        };
    }
}

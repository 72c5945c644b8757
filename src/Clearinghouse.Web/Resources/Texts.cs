using System.Globalization;
using System.Resources;
using System.Text;

namespace Clearinghouse.Web.Resources;

/// <summary>
/// Every text a person reads — labels, hints, messages, validation texts — in one set of resource files: Texts.resx
/// (English), Texts.de.resx, Texts.ja.resx. Pages read them through <c>IStringLocalizer&lt;Texts&gt;</c> (T[...],
/// which is this class: see <see cref="TextsLocalizer"/>) or, for texts holding markup, <c>IHtmlLocalizer</c> (H[...]);
/// code without a localizer at hand (the ID codec, validators) through <see cref="Get"/>. The language is the
/// request's (<see cref="CultureInfo.CurrentUICulture"/>, set by request localization), numbers and dates in
/// arguments are formatted in its culture.
/// </summary>
/// <remarks>
/// Where an argument meets the text around it with half-width letters or digits on one side and Japanese characters on
/// the other, a space is put between them, as Microsoft's Japanese style has it: a Japanese template is written without
/// one ("{0}を入力してください。") and reads "ライセンス サーバー ID を入力してください。" as well as
/// "認証番号を入力してください。". Nothing changes where no Japanese character is involved.
/// </remarks>
public sealed class Texts
{
    // Noncharacters, never in a text or an argument: they mark where each argument starts and ends while it is placed.
    private const char ArgumentStart = '\uFDD0';
    private const char ArgumentEnd = '\uFDD1';

    public static ResourceManager ResourceManager { get; } = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    /// <summary>The text named <paramref name="key"/> in the current language, with <paramref name="args"/> filled in.</summary>
    /// <exception cref="MissingManifestResourceException">No such text: a typo in the key, found by the tests.</exception>
    public static string Get(string key, params object?[] args)
    {
        var text = Find(key) ?? throw new MissingManifestResourceException($"No text named '{key}' in Resources/Texts.resx.");
        return args.Length == 0 ? text : Format(text, args);
    }

    /// <summary>The text named <paramref name="key"/> in the current language as it is written, or null when there is none.</summary>
    public static string? Find(string key) => ResourceManager.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary><paramref name="template"/> with <paramref name="args"/> filled in, as described for the class.</summary>
    public static string Format(string template, params object?[] args)
    {
        var marked = string.Format(new ArgumentMarks(CultureInfo.CurrentCulture), template, args);
        var text = new StringBuilder(marked.Length + 4);
        for (var i = 0; i < marked.Length; i++)
        {
            var c = marked[i];
            if (c is ArgumentStart or ArgumentEnd)
            {
                var next = i + 1 < marked.Length ? marked[i + 1] : '\0';
                if (text.Length > 0 && NeedsSpace(text[^1], next))
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
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

    // Half-width letters and digits next to kana or kanji (not next to Japanese punctuation: 「ID」).
    private static bool NeedsSpace(char before, char after) =>
        (char.IsAsciiLetterOrDigit(before) && IsJapanese(after)) || (IsJapanese(before) && char.IsAsciiLetterOrDigit(after));

    private static bool IsJapanese(char c) =>
        c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF'
            or >= '\uFF66' and <= '\uFF9F';

    /// <summary>Formats each argument in the culture, between the marks <see cref="Format"/> places it by.</summary>
    private sealed class ArgumentMarks(CultureInfo culture) : IFormatProvider, ICustomFormatter
    {
        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : culture.GetFormat(formatType);

        public string Format(string? format, object? arg, IFormatProvider? formatProvider)
        {
            var text = arg is IFormattable formattable ? formattable.ToString(format, culture) : arg?.ToString() ?? string.Empty;
            return ArgumentStart + text + ArgumentEnd;
        }
    }
}

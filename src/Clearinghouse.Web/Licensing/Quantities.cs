using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// A quantity as people type it in their language: plain digits ("1500"), or thousands grouped with the separator of
/// the language's culture — "1,500" in English and Japanese, "1.500" in German — surrounding spaces ignored. Anything
/// else — a decimal comma or point ("1,5", "1.5"), the other language's grouping, a sign, digits of another script — is
/// not read as a number at all: reading "1,5" as 15 would issue ten times the CALs the person meant.
/// </summary>
public static class Quantities
{
    private static readonly ConcurrentDictionary<string, Regex> Shapes = new(StringComparer.Ordinal);

    /// <param name="culture">Whose grouping is accepted; the current culture (the request's language) when null.</param>
    public static bool IsWellFormed(string? text, CultureInfo? culture = null) =>
        text is not null && Shape(culture ?? CultureInfo.CurrentCulture).IsMatch(text.Trim());

    /// <summary>The quantity a well-formed text stands for; null when it is not well-formed or too large for a number.</summary>
    /// <param name="culture">As for <see cref="IsWellFormed"/>.</param>
    public static int? Parse(string? text, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        if (!IsWellFormed(text, culture))
        {
            return null;
        }

        var digits = string.Concat(text!.Trim().Where(char.IsAsciiDigit));
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    // "^(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)$" with the culture's group separator in place of the comma.
    private static Regex Shape(CultureInfo culture)
    {
        var separator = culture.NumberFormat.NumberGroupSeparator;
        return Shapes.GetOrAdd(separator, s => new Regex(
            $"^(?:[0-9]+|[0-9]{{1,3}}(?:{Regex.Escape(s)}[0-9]{{3}})+)$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1)));
    }
}

using System.Globalization;
using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The plain-text receipt for an issued key pack: what was issued, then the request it answers, in the reader's
/// language (IDs and codes are the same in every language).
/// </summary>
/// <remarks>
/// <para>
/// Every value is written on its own line with nothing in it that a terminal, an editor or a ticket system would act
/// on: control characters (line breaks and escape sequences included), line and paragraph separators and the
/// bidirectional controls that can make text display other than it reads are each replaced by U+FFFD. Entry refuses
/// them too, but the receipt does not rely on every way a request can be stored doing so.
/// </para>
/// <para>
/// Values line up in a monospaced font in every language: a label's width is counted in columns, a wide (East Asian)
/// character taking two.
/// </para>
/// </remarks>
public static class Receipt
{
    private const string Replacement = "\uFFFD";

    /// <param name="keyPack">The issued key pack.</param>
    /// <param name="sections">What was issued and the request it answers, as the flow's record shows them.</param>
    public static string Text(KeyPack keyPack, IReadOnlyList<SummarySection> sections)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        return Text(Texts.Get("Receipt.Heading"), Labels.KeyPackId, IdFormat.KeyPackId.Format(keyPack.Id), Texts.Get("Receipt.Retain"), sections);
    }

    /// <summary>
    /// A receipt for an issued ID (a key pack's, a license server's): the site, <paramref name="heading"/>, the ID, why to
    /// keep it, then <paramref name="sections"/>.
    /// </summary>
    internal static string Text(string heading, string idLabel, string formattedId, string retain, IReadOnlyList<SummarySection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var width = sections.SelectMany(s => s.Rows).Select(r => Columns(Printable(r.Label)))
            .Append(Columns(idLabel)).Max() + 2;
        var text = new StringBuilder();
        Text(text, Texts.Get("Receipt.Title"));
        Text(text, heading);
        Text(text, string.Empty);
        Line(text, width, idLabel, [formattedId]);
        Text(text, string.Empty);
        Text(text, retain);
        foreach (var section in sections)
        {
            Text(text, string.Empty);
            Text(text, section.Title);
            Text(text, new string('-', Columns(section.Title)));
            foreach (var row in section.Rows)
            {
                string[] lines = row.Value is null ? [Texts.Get("Summary.NotGiven")]
                    : row.IsList ? row.Value.Split('\n')
                    : [row.Value];
                Line(text, width, row.Label, lines);
            }
        }

        return text.ToString();
    }

    /// <summary><paramref name="value"/> with everything that could break a line or be acted on replaced.</summary>
    public static string Printable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var printable = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            // Unpaired surrogates arrive here as U+FFFD already.
            printable.Append(IsUnsafe(rune) ? Replacement : rune.ToString());
        }

        return printable.ToString();
    }

    private static bool IsUnsafe(Rune rune) =>
        Rune.IsControl(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || rune.Value is 0x061C or 0x200E or 0x200F // Arabic letter mark, left-to-right and right-to-left marks
            or >= 0x202A and <= 0x202E // embeddings and overrides
            or >= 0x2066 and <= 0x2069; // isolates

    // A list (several license codes) continues under the value column, one item a line.
    private static void Line(StringBuilder text, int width, string label, IReadOnlyList<string> lines)
    {
        var printable = Printable(label);
        Text(text, printable + ":" + new string(' ', Math.Max(1, width - Columns(printable) - 1)) + Printable(lines[0]));
        foreach (var more in lines.Skip(1))
        {
            Text(text, new string(' ', width) + Printable(more));
        }
    }

    /// <summary>How many columns <paramref name="text"/> takes in a monospaced font: two for each wide character.</summary>
    internal static int Columns(string text) => text.EnumerateRunes().Sum(rune => IsWide(rune) ? 2 : 1);

    // East Asian wide and fullwidth characters (Unicode's East_Asian_Width W and F): CJK, kana, Hangul, fullwidth forms.
    private static bool IsWide(Rune rune) => rune.Value is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E
        or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF
        or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60
        or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;

    // One line, ended the same way on every platform.
    private static void Text(StringBuilder text, string line) => text.Append(line).Append('\n');
}

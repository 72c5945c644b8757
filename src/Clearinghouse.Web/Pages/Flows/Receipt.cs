using System.Globalization;
using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>The plain-text receipt for an issued key pack: what was issued, then the request it answers.</summary>
/// <remarks>
/// Every value is written on its own line with nothing in it that a terminal, an editor or a ticket system would act
/// on: control characters (line breaks and escape sequences included), line and paragraph separators and the
/// bidirectional controls that can make text display other than it reads are each replaced by U+FFFD. Entry refuses
/// them too, but the receipt does not rely on every way a request can be stored doing so.
/// </remarks>
public static class Receipt
{
    private const string Replacement = "\uFFFD";

    /// <param name="keyPack">The issued key pack.</param>
    /// <param name="sections">What was issued and the request it answers, as the flow's record shows them.</param>
    public static string Text(KeyPack keyPack, IReadOnlyList<SummarySection> sections)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        ArgumentNullException.ThrowIfNull(sections);
        var width = sections.SelectMany(s => s.Rows).Select(r => r.Label.Length).Append(Labels.KeyPackId.Length).Max() + 2;
        var text = new StringBuilder();
        Text(text, "Clearinghouse – Remote Desktop Services licensing");
        Text(text, "License key pack receipt");
        Text(text, string.Empty);
        Line(text, width, Labels.KeyPackId, [IdFormat.KeyPackId.Format(keyPack.Id)]);
        Text(text, string.Empty);
        Text(text, "Retain a copy of the license key pack ID: support asks for it if these CALs must be recovered.");
        foreach (var section in sections)
        {
            Text(text, string.Empty);
            Text(text, section.Title);
            Text(text, new string('-', section.Title.Length));
            foreach (var row in section.Rows)
            {
                string[] lines = row.Value is null ? ["Not given"]
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
        Text(text, (Printable(label) + ":").PadRight(width) + Printable(lines[0]));
        foreach (var more in lines.Skip(1))
        {
            Text(text, new string(' ', width) + Printable(more));
        }
    }

    // One line, ended the same way on every platform.
    private static void Text(StringBuilder text, string line) => text.Append(line).Append('\n');
}

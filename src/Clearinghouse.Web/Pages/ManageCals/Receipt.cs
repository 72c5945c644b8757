using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>The plain-text receipt for an issued key pack.</summary>
public static class Receipt
{
    public static string Text(KeyPack keyPack, IReadOnlyList<SummarySection> sections)
    {
        var rows = sections.SelectMany(s => s.Rows).ToList();
        var width = rows.Select(r => r.Label.Length).Append(Labels.KeyPackId.Length).Max() + 2;
        var text = new StringBuilder();
        text.AppendLine("Clearinghouse – Remote Desktop Services licensing");
        text.AppendLine("License key pack receipt");
        text.AppendLine();
        Line(text, width, Labels.KeyPackId, IdFormat.KeyPackId.Format(keyPack.Id));
        Line(text, width, "Issued", keyPack.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        text.AppendLine();
        text.AppendLine("Retain a copy of the license key pack ID: support asks for it if these CALs must be recovered.");
        foreach (var section in sections)
        {
            text.AppendLine();
            text.AppendLine(section.Title);
            text.AppendLine(new string('-', section.Title.Length));
            foreach (var row in section.Rows)
            {
                Line(text, width, row.Label, row.Value ?? "Not given");
            }
        }

        return text.ToString();
    }

    // Multi-line values (several license codes) continue under the value column.
    private static void Line(StringBuilder text, int width, string label, string value)
    {
        var lines = value.Split('\n');
        text.Append((label + ":").PadRight(width)).AppendLine(lines[0]);
        foreach (var more in lines.Skip(1))
        {
            text.Append(' ', width).AppendLine(more);
        }
    }
}

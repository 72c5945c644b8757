using System.Text;
using AngleSharp.Dom;
using CsCheck;

namespace Clearinghouse.Tests.Reliability;

/// <summary>
/// Random and malicious values for the hostile-input tests: what a fuzzer, a careless script or an attacker types into
/// a field. Every piece of markup carries the word "hostile", so that a page that lets any of it through as markup is
/// found by looking for that word in the page's elements and attributes (<see cref="MarkupThatGotThrough"/>).
/// </summary>
public static class Hostile
{
    /// <summary>Markup and script a page must show as text, never as markup.</summary>
    public static readonly string[] Markup =
    [
        "<script>hostile()</script>",
        "\"><b id=\"hostile\">x</b>",
        "'><img src=x onerror=\"hostile()\">",
        "<svg onload=hostile()>",
        "</textarea><script>hostile()</script>",
        "<a href=\"javascript:hostile()\">x</a>",
        "<!--hostile-->",
    ];

    /// <summary>Values that are no kind of valid input anywhere, each at least as a character, a length or a type.</summary>
    public static readonly string[] Values =
    [
        .. Markup,
        "'; DROP TABLE \"CalRequests\"; --",
        "' OR '1'='1",
        "1; DELETE FROM KeyPacks",
        "",
        " ",
        "\t \u00A0\u3000 ",
        "\0",
        "Contoso\0Lab",
        "Contoso\u2028Lab",
        "Contoso\u2029Lab",
        "\u202EbaL osotnoC",
        "\u2066x\u2069",
        "\u200B",
        "\uFEFF",
        "\r\n",
        "\u001B[31mred",
        "\uD800",
        "x\uDC00y",
        "Ωmega Σ日本語 العربية עברית हिन्दी",
        "😀👍🏽🏳️‍🌈",
        "A\u0301\u0301\u0301\u0301",
        "-1",
        "0",
        "1e309",
        "999999999999999999999", // past any 64-bit integer, and a digit too long for a Product ID
        "2147483648",
        "NaN",
        "0x1F",
        "1,2,3",
        "null",
        "true",
        "{{7*7}}",
        "${jndi:ldap://127.0.0.1/x}",
        "%00%0d%0a",
        "../../../../etc/passwd",
        "BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMP",
        "windows-server-2025",
        "vdi-premium",
        "redeployed",
        "replaced",
        new string('A', 300),
        new string('9', 5_000),
        string.Concat(Enumerable.Repeat("<script>hostile()</script>", 400)),
    ];

    /// <summary>One value: from the list, two of it joined, random characters (any UTF-16 unit, so lone surrogates too), or markup in a long run.</summary>
    public static readonly Gen<string> Value = Gen.Frequency(
        (6, (IGen<string>)Gen.OneOf(Values)),
        (2, Gen.Select(Gen.OneOf(Values), Gen.OneOf(Values), (a, b) => a + b)),
        (2, Gen.Char.Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Select(Gen.OneOf(Markup), Gen.Int[1, 3000], (markup, times) => string.Concat(Enumerable.Repeat(markup, times))[..Math.Min(times * markup.Length, 40_000)])));

    /// <summary>
    /// Percent-encodes a form value as UTF-8; a lone surrogate, which UTF-8 cannot carry, is sent as the three bytes a
    /// careless encoder writes for it (ED A0 80), so the server gets invalid UTF-8 to decode.
    /// </summary>
    public static string FormEncode(string value)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                int c = value[i];
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        var encoded = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>What on a page came from hostile markup as markup: elements, attributes or script that carry it.</summary>
    public static IReadOnlyList<string> MarkupThatGotThrough(IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = new List<string>();
        foreach (var element in document.All)
        {
            if (element.Id == "hostile")
            {
                found.Add($"<{element.LocalName} id=\"hostile\">");
            }

            if (element.LocalName is "script" or "svg" or "img" && element.OuterHtml.Contains("hostile", StringComparison.Ordinal))
            {
                found.Add(element.OuterHtml[..Math.Min(element.OuterHtml.Length, 80)]);
            }

            foreach (var attribute in element.Attributes)
            {
                if ((attribute.Name.StartsWith("on", StringComparison.Ordinal) || attribute.Name == "href" || attribute.Name == "src") &&
                    attribute.Value.Contains("hostile", StringComparison.Ordinal))
                {
                    found.Add($"<{element.LocalName} {attribute.Name}=\"{attribute.Value[..Math.Min(attribute.Value.Length, 40)]}\">");
                }
            }
        }

        foreach (var comment in document.Descendants<IComment>())
        {
            if (comment.Data.Contains("hostile", StringComparison.Ordinal))
            {
                found.Add("<!--hostile-->");
            }
        }

        return found;
    }

    /// <summary>A value shortened for a failure message, with its invisible characters spelled out.</summary>
    public static string Show(string value)
    {
        var shown = new StringBuilder();
        foreach (var c in value.Length > 60 ? value[..60] + "…(" + value.Length + " chars)" : value)
        {
            shown.Append(c < ' ' || char.IsSurrogate(c) || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                ? $"\\u{(int)c:X4}"
                : c.ToString());
        }

        return shown.ToString();
    }
}

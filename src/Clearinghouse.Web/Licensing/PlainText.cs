using System.Globalization;
using System.Text;
using Clearinghouse.Web.Resources;
using FluentValidation;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// Free text that people type — names, addresses, e-mail and phone — is stored, read back on pages, written into the
/// receipt people download and read out by telephone. It must be one line of plain text, so after surrounding spaces
/// are trimmed (as they are when it is stored) these are refused:
/// <list type="bullet">
/// <item>control characters (Unicode category Cc) and the line and paragraph separators U+2028 and U+2029: a line
/// break in a company name adds a line to the receipt (a second "License key pack ID:" line, say), and ESC starts a
/// terminal escape sequence. TAB is refused too: it is never part of a name or an address, it is what a copy from a
/// spreadsheet brings along with the next cell, and it breaks the receipt's columns;</item>
/// <item>bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible, they make text
/// display in another order than it is stored ("Trojan Source").</item>
/// </list>
/// The left-to-right and right-to-left marks (U+200E, U+200F, and U+061C) are allowed: keyboards for right-to-left
/// scripts type them, and they only set the direction of neighbouring punctuation; they cannot reorder letters or let
/// text escape its line. Zero-width joiners stay allowed too: several scripts and emoji need them.
/// </summary>
public static class PlainText
{
    /// <summary>
    /// What is wrong with <paramref name="text"/> as one line of plain text, naming the field, in the current language;
    /// null when nothing is.
    /// </summary>
    /// <param name="label">The field's name as the page shows it, e.g. "Company name".</param>
    public static string? Problem(string? text, string label) => Find(text) switch
    {
        null => null,
        var (key, rune, position) => Texts.Get(key, label, IdFormat.CodePoint(rune), position),
    };

    /// <summary>The property must be one line of plain text (see <see cref="PlainText"/>); the message names the field.</summary>
    /// <param name="label">The field's name, asked for at each validation in that request's language.</param>
    public static IRuleBuilderOptions<T, string?> MustBePlainText<T>(this IRuleBuilder<T, string?> rule, Func<string> label) =>
        rule.Must(text => Find(text) is null)
            .WithMessage((_, text) => Problem(text, label()))
            .WithErrorCode(ErrorCodes.ForbiddenCharacter);

    /// <summary>The first character that is not plain text: the key of the message about it, the character, its 1-based position.</summary>
    private static (string Key, int Rune, int Position)? Find(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var position = 0;
        foreach (var rune in text.Trim().EnumerateRunes())
        {
            position++;
            if (rune.Value is '\n' or '\r' or '\v' or '\f' or 0x85 or 0x2028 or 0x2029)
            {
                return ("PlainText.LineBreak", rune.Value, position);
            }

            if (rune.Value == '\t')
            {
                return ("PlainText.Tab", rune.Value, position);
            }

            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control)
            {
                return ("PlainText.ControlCharacter", rune.Value, position);
            }

            if (rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069)
            {
                return ("PlainText.BidirectionalControl", rune.Value, position);
            }
        }

        return null;
    }
}

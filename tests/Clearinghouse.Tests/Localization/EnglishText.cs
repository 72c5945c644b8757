using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Clearinghouse.Tests.Localization;

/// <summary>
/// Finds English left in what a person reads on a page in another language — Japanese, where any run of Latin letters
/// stands out: a text nobody moved into the resources, or one nobody translated.
/// </summary>
/// <remarks>
/// What may stay in Latin letters, and why:
/// <list type="bullet">
/// <item>product and program names, the same in every language (<see cref="AllowedPhrases"/>);</item>
/// <item>the brand, and words within an example an input must follow (<see cref="AllowedWords"/>);</item>
/// <item>words all in capitals — IDs and codes (BCDFG-…), and acronyms (ID, CAL, RDS, UTC);</item>
/// <item>what is in <c>code</c> or <c>pre</c> (a command, a setting), and what is marked as another language
/// (the language picker's "English"), or as not to be translated (<c>translate="no"</c>: an account's e-mail address).</item>
/// </list>
/// Anything else fails: two or more English words in a row, or a single word with small letters ("Next").
/// </remarks>
public static partial class EnglishText
{
    /// <summary>Names that are the same in every language: Microsoft's products and license programs.</summary>
    public static IReadOnlyList<string> AllowedPhrases { get; } =
    [
        "Services Provider License Agreement",
        "Enterprise Agreement",
        "Campus Agreement",
        "School Agreement",
        "Select License",
        "Open License",
        "Windows Server",
        "VDI Standard",
        "VDI Premium",
        "VDI Suite",
    ];

    /// <summary>The brand, the web (as in 「Web ブラウザー」), and the example e-mail address name@example.com.</summary>
    public static IReadOnlyList<string> AllowedWords { get; } = ["Clearinghouse", "Web", "name", "example", "com"];

    /// <summary>The English found in <paramref name="text"/>, each run of words once; empty when there is none.</summary>
    public static IReadOnlyList<string> In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var phrase in AllowedPhrases)
        {
            text = text.Replace(phrase, " ", StringComparison.Ordinal);
        }

        return
        [
            .. Words().Matches(text)
                .Select(run => run.Value.Split([' ', '\u00A0'], StringSplitOptions.RemoveEmptyEntries))
                .Where(words => words.Any(HasSmallLetters) &&
                    (words.Length > 1 || (words[0].Length > 1 && !AllowedWords.Contains(words[0], StringComparer.Ordinal))))
                .Select(words => string.Join(' ', words))
                .Distinct(StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// What a person reads on a page: the title, text, and the attributes read out (aria-label, title, placeholder, alt,
    /// a button's value) — not scripts, styles, <c>code</c> or <c>pre</c>, nor what is marked as in another language
    /// than <paramref name="language"/>. Each piece on a line of its own, so neighbouring elements never run together.
    /// </summary>
    public static string OnPage(IDocument document, string language)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder().AppendLine(document.Title);
        Collect(document.Body!, language, text);
        return text.ToString();
    }

    private static void Collect(INode node, string language, StringBuilder text)
    {
        switch (node)
        {
            case IText piece:
                text.AppendLine(piece.Data);
                return;
            case IElement element:
                if (element.LocalName is "script" or "style" or "code" or "pre" || element.GetAttribute("translate") == "no" ||
                    element.GetAttribute("lang") is { } lang && !lang.StartsWith(language, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                foreach (var attribute in new[] { "aria-label", "title", "placeholder", "alt" })
                {
                    text.AppendLine(element.GetAttribute(attribute));
                }

                if (element.LocalName == "input" && element.GetAttribute("type") is "submit" or "button")
                {
                    text.AppendLine(element.GetAttribute("value"));
                }

                break;
        }

        foreach (var child in node.ChildNodes)
        {
            Collect(child, language, text);
        }
    }

    private static bool HasSmallLetters(string word) => word.Any(char.IsAsciiLetterLower);

    // Runs of Latin words separated by spaces only; anything else (a digit, a hyphen, a CJK character) ends a run.
    [GeneratedRegex("[A-Za-z]+(?:[ \u00A0]+[A-Za-z]+)*")]
    private static partial Regex Words();
}

using System.Collections.Frozen;
using System.Text;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Licensing;

/// <summary>One character of an ID as a representative reads it out: "B", "Bravo", "B as in Bravo".</summary>
public sealed record SpokenCharacter(char Character, string Word, string Spelled);

/// <summary>One group of an ID as it is read out, with each of its characters spelled.</summary>
/// <param name="Number">1-based.</param>
/// <param name="Characters">The group as written, e.g. "BCDF2".</param>
public sealed record SpokenGroup(int Number, string Characters, IReadOnlyList<SpokenCharacter> Spoken)
{
    /// <summary>The whole group spelled in the current language: "B as in Bravo, C as in Charlie, …".</summary>
    public string Spelled => string.Join(Texts.Get("List.Separator"), Spoken.Select(c => c.Spelled));
}

public enum GroupReadBackStatus
{
    /// <summary>The group read back is the issued group.</summary>
    Matches,

    /// <summary>
    /// It differs, and it does not check out: a character was misheard or mistyped, or two were swapped. Every single
    /// substitution and adjacent transposition in a group of an ID issued here ends up here.
    /// </summary>
    FailsCheck,

    /// <summary>
    /// It differs, yet it checks out: not a typing mistake in this group, but another group or another ID altogether.
    /// </summary>
    OtherValidGroup,

    /// <summary>It differs, and the issued ID carries no check characters to say more (an ID from elsewhere).</summary>
    Differs,

    /// <summary>It is not as long as a group.</summary>
    WrongLength,
}

/// <param name="Group">1-based group that was read back.</param>
/// <param name="ReadBack">What was read back, canonical (<see cref="ReadBack.Normalize"/>).</param>
/// <param name="DifferingPositions">1-based characters of the group where it differs from the issued group.</param>
/// <param name="Message">What to tell the representative, in the current language.</param>
public sealed record GroupReadBack(
    int Group, GroupReadBackStatus Status, string ReadBack, IReadOnlyList<int> DifferingPositions, string Message)
{
    public bool Matches => Status == GroupReadBackStatus.Matches;
}

/// <summary>
/// Reading an ID out over the telephone and hearing it back: each group of 5 with a spelling word for each character,
/// in the current language (the NATO alphabet in English, the German spelling alphabet in German, the NATO words in
/// katakana in Japanese), and a check of a group the caller reads back, so a mistyped group is caught while the caller
/// is still on the line.
/// </summary>
public static class ReadBack
{
    // Every letter and digit: IDs issued here use 24 of them, but a License Server ID or retail license code from
    // elsewhere may use any. Written out whole so that each key is in the source where the text tests look.
    private static readonly FrozenDictionary<char, string> WordKeys = new Dictionary<char, string>
    {
        ['A'] = "ReadBack.Word.A", ['B'] = "ReadBack.Word.B", ['C'] = "ReadBack.Word.C", ['D'] = "ReadBack.Word.D",
        ['E'] = "ReadBack.Word.E", ['F'] = "ReadBack.Word.F", ['G'] = "ReadBack.Word.G", ['H'] = "ReadBack.Word.H",
        ['I'] = "ReadBack.Word.I", ['J'] = "ReadBack.Word.J", ['K'] = "ReadBack.Word.K", ['L'] = "ReadBack.Word.L",
        ['M'] = "ReadBack.Word.M", ['N'] = "ReadBack.Word.N", ['O'] = "ReadBack.Word.O", ['P'] = "ReadBack.Word.P",
        ['Q'] = "ReadBack.Word.Q", ['R'] = "ReadBack.Word.R", ['S'] = "ReadBack.Word.S", ['T'] = "ReadBack.Word.T",
        ['U'] = "ReadBack.Word.U", ['V'] = "ReadBack.Word.V", ['W'] = "ReadBack.Word.W", ['X'] = "ReadBack.Word.X",
        ['Y'] = "ReadBack.Word.Y", ['Z'] = "ReadBack.Word.Z",
        ['0'] = "ReadBack.Word.0", ['1'] = "ReadBack.Word.1", ['2'] = "ReadBack.Word.2", ['3'] = "ReadBack.Word.3",
        ['4'] = "ReadBack.Word.4", ['5'] = "ReadBack.Word.5", ['6'] = "ReadBack.Word.6", ['7'] = "ReadBack.Word.7",
        ['8'] = "ReadBack.Word.8", ['9'] = "ReadBack.Word.9",
    }.ToFrozenDictionary();

    /// <summary>The characters that have a spelling word: A–Z and 0–9.</summary>
    public static IReadOnlyCollection<char> SpelledCharacters => WordKeys.Keys;

    /// <summary>The spelling word for a letter or digit in the current language: "Bravo", "Berta", "ブラボー".</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an ASCII letter or digit.</exception>
    public static string WordFor(char character) =>
        WordKeys.TryGetValue(char.ToUpperInvariant(character), out var key)
            ? Texts.Get(key)
            : throw new ArgumentOutOfRangeException(nameof(character), character, "Only letters A–Z and digits 0–9 have a spelling word.");

    /// <summary>"B as in Bravo", "2 as in Two", in the current language.</summary>
    public static SpokenCharacter Spell(char character)
    {
        var upper = char.ToUpperInvariant(character);
        var word = WordFor(upper);
        return new SpokenCharacter(upper, word, Texts.Get("ReadBack.Spelled", upper.ToString(), word));
    }

    /// <summary>
    /// An ID in its groups, each character spelled: what the representative reads out. A one-group value (an agreement
    /// number) is one group.
    /// </summary>
    /// <param name="value">The ID, canonical or as shown (separators and case are ignored).</param>
    public static IReadOnlyList<SpokenGroup> Groups(IdFormat format, string value)
    {
        ArgumentNullException.ThrowIfNull(format);
        var compact = IdFormat.Compact(value);
        var groupLength = format.GroupCount == 1 ? Math.Max(compact.Length, 1) : format.GroupLength;
        return
        [
            .. compact.Chunk(groupLength).Select((chars, i) =>
                new SpokenGroup(i + 1, new string(chars), [.. chars.Select(Spell)])),
        ];
    }

    /// <summary>
    /// A caller's dictation as the characters of an ID, however it was grouped: separators (spaces, hyphens, dashes)
    /// dropped, upper case, and full-width letters and digits (a Japanese input method's) as ordinary ones:
    /// "bcd fg-hj km" → "BCDFGHJKM". Nothing is checked; see <see cref="ParseDictation"/>.
    /// </summary>
    public static string Normalize(string? dictation) =>
        dictation is null ? string.Empty : IdFormat.Compact(dictation.Normalize(NormalizationForm.FormKC));

    /// <summary>
    /// Reads a whole ID dictated in any grouping ("bcdf 2hjk-mp…"), with the same checks and messages as
    /// <see cref="IdFormat.Parse"/>: only the grouping is free, so a group cannot be said to be too short or too long.
    /// </summary>
    public static IdParseResult ParseDictation(IdFormat format, string? dictation, string? label = null, bool issuedHereOnly = false)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Parse(Normalize(dictation), label, issuedHereOnly);
    }

    /// <summary>
    /// Compares a group the caller reads back with the issued ID's group: whether it matches, and if not whether it is a
    /// typing mistake (it does not check out), another valid group, or — for an ID without check characters — simply
    /// different.
    /// </summary>
    /// <param name="issuedValue">The ID that was issued (or is on record), canonical or as shown.</param>
    /// <param name="group">1-based group number.</param>
    /// <param name="readBack">The group as read back, in any case and with any separators.</param>
    /// <exception cref="ArgumentException"><paramref name="issuedValue"/> is not an ID of this format.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The format has no such group.</exception>
    public static GroupReadBack CheckGroup(IdFormat format, string issuedValue, int group, string? readBack)
    {
        ArgumentNullException.ThrowIfNull(format);
        var issued = IdFormat.Compact(issuedValue);
        if (issued.Length != format.Length)
        {
            throw new ArgumentException($"A {format.Key} has {format.Length} characters.", nameof(issuedValue));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(group, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(group, format.GroupCount);

        var expected = issued.Substring((group - 1) * format.GroupLength, format.GroupLength);
        var heard = Normalize(readBack);
        if (heard.Length != expected.Length)
        {
            return new GroupReadBack(group, GroupReadBackStatus.WrongLength, heard, [], Texts.Get(
                heard.Length == 1 ? "ReadBack.Group.WrongLength.One" : "ReadBack.Group.WrongLength", group, heard.Length, expected.Length));
        }

        List<int> differing = [.. Enumerable.Range(0, expected.Length).Where(i => expected[i] != heard[i]).Select(i => i + 1)];
        if (differing.Count == 0)
        {
            return new GroupReadBack(group, GroupReadBackStatus.Matches, heard, [], Texts.Get("ReadBack.Group.Matches", group));
        }

        // Only a group written with check characters can say whether what was heard is a mistake: one issued here.
        if (format.CheckCharacters && GroupCheck.IsValid(expected))
        {
            return GroupCheck.IsValid(heard)
                ? new GroupReadBack(group, GroupReadBackStatus.OtherValidGroup, heard, differing,
                    Texts.Get("ReadBack.Group.OtherGroup", group, format.Name))
                : new GroupReadBack(group, GroupReadBackStatus.FailsCheck, heard, differing,
                    Texts.Get("ReadBack.Group.FailsCheck", group));
        }

        return new GroupReadBack(group, GroupReadBackStatus.Differs, heard, differing, Texts.Get("ReadBack.Group.Differs", group, format.Name));
    }
}

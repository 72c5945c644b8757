using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Licensing;

public enum IdCharacters
{
    Digits,
    LettersAndDigits,
}

/// <summary>Whether a well-formed ID could be verified as one this clearinghouse issues.</summary>
public enum IdOrigin
{
    /// <summary>Written in the issuing alphabet with every group's check character right.</summary>
    IssuedHere,

    /// <summary>
    /// Well-formed but not checkable: it uses characters the issuing alphabet lacks (so it was not issued here), or it
    /// is a number, which carries no check digit.
    /// </summary>
    Unverified,

    /// <summary>
    /// Written in the issuing alphabet, but groups do not check out (<see cref="IdParseResult.FailedGroups"/>): a
    /// typing mistake in an ID issued here, or an ID from elsewhere that happens to use the same alphabet (Windows
    /// product keys do). Only the person who typed it can tell which.
    /// </summary>
    ChecksFailed,
}

public enum IdErrorKind
{
    Empty,
    InvalidCharacter,
    WrongGroupLength,
    WrongLength,
    NotIssuedAlphabet,
    CheckFailed,
}

/// <summary>What is wrong with an entered ID, said precisely enough to fix it, in the current language.</summary>
/// <param name="Group">1-based group at fault, when one can be named.</param>
/// <param name="Position">1-based character within that group, when one can be named.</param>
public sealed record IdError(IdErrorKind Kind, string Message, int? Group = null, int? Position = null);

/// <param name="Value">
/// The canonical value (upper case, no separators) whenever the input is well-formed: also when its groups do not
/// check out and it may come from elsewhere (<see cref="IdOrigin.ChecksFailed"/>, which carries an error as well).
/// </param>
/// <param name="Error">Why the input cannot be taken as it stands; null when it can.</param>
public sealed record IdParseResult(string? Value, IdOrigin Origin, IdError? Error)
{
    /// <summary>Well-formed and, when written in the issuing alphabet, checks out: usable without a question.</summary>
    public bool IsValid => Error is null;

    /// <summary>The right length of the right characters, whether or not its groups check out.</summary>
    public bool IsWellFormed => Value is not null;

    /// <summary>1-based groups whose check character is wrong, in order; empty when none was checked or all passed.</summary>
    public IReadOnlyList<int> FailedGroups { get; init; } = [];
}

/// <summary>
/// One kind of identifier or code: how it is read from what people type, how it is shown, and how this
/// clearinghouse generates it. The single place every page, API endpoint and tool goes through for IDs.
/// </summary>
public sealed class IdFormat
{
    public static readonly IdFormat LicenseServerId =
        new(nameof(LicenseServerId), 7, 5, IdCharacters.LettersAndDigits, issuedHereOnly: false);

    public static readonly IdFormat KeyPackId =
        new(nameof(KeyPackId), 7, 5, IdCharacters.LettersAndDigits, issuedHereOnly: true);

    public static readonly IdFormat RetailLicenseCode =
        new(nameof(RetailLicenseCode), 5, 5, IdCharacters.LettersAndDigits, issuedHereOnly: false);

    /// <summary>Printed on an Open License confirmation, never issued here: it carries no check characters.</summary>
    public static readonly IdFormat OpenLicenseAuthorizationNumber =
        new(nameof(OpenLicenseAuthorizationNumber), 3, 5, IdCharacters.LettersAndDigits, issuedHereOnly: false, checkCharacters: false);

    /// <summary>
    /// The Product ID a license server shows (e.g. 00490-92005-99454-AT527), given when it is activated. It comes from
    /// Windows, not from here, so it carries no check characters and is read for its shape alone.
    /// </summary>
    public static readonly IdFormat ProductId =
        new(nameof(ProductId), 4, 5, IdCharacters.LettersAndDigits, issuedHereOnly: false, checkCharacters: false);

    public static readonly IdFormat OpenLicenseNumber =
        new(nameof(OpenLicenseNumber), 1, 8, IdCharacters.Digits, issuedHereOnly: false);

    public static readonly IdFormat AgreementNumber =
        new(nameof(AgreementNumber), 1, 7, IdCharacters.Digits, issuedHereOnly: false);

    /// <summary>
    /// The code a representative reads out when a license server is deactivated by telephone, for the caller to type
    /// into it (<see cref="TelephoneDeactivation"/>). Always issued here, so it always checks out.
    /// </summary>
    public static readonly IdFormat ConfirmationCode =
        new(nameof(ConfirmationCode), 5, 5, IdCharacters.LettersAndDigits, issuedHereOnly: true);

    /// <summary>Every format, for tests that check each has its texts.</summary>
    public static IReadOnlyList<IdFormat> All { get; } =
        [LicenseServerId, KeyPackId, RetailLicenseCode, OpenLicenseAuthorizationNumber, ProductId, OpenLicenseNumber, AgreementNumber,
            ConfirmationCode];

    /// <param name="key">The format's name in code; its texts are "IdFormat.{key}.Name" (and ".IssuedHere").</param>
    private IdFormat(
        string key, int groupCount, int groupLength, IdCharacters characters, bool issuedHereOnly, bool checkCharacters = true)
    {
        CheckCharacters = checkCharacters && characters == IdCharacters.LettersAndDigits;
        if (CheckCharacters && groupLength != GroupCheck.Weights)
        {
            throw new ArgumentException($"Checked groups are {GroupCheck.Weights} characters long.", nameof(groupLength));
        }

        Key = key;
        GroupCount = groupCount;
        GroupLength = groupLength;
        Characters = characters;
        IssuedHereOnly = issuedHereOnly;
    }

    /// <summary>The format's name in code ("KeyPackId"), the same in every language.</summary>
    public string Key { get; }

    /// <summary>What people call it within a sentence, in the current language ("Group 3 of the license key pack ID …").</summary>
    public string Name => Texts.Get($"IdFormat.{Key}.Name");

    /// <summary>
    /// The values of this format that this clearinghouse issues, within a sentence: "license key pack IDs", "License
    /// Server IDs issued here". Only formats with check characters have it.
    /// </summary>
    public string IssuedHerePlural => Texts.Get($"IdFormat.{Key}.IssuedHere");

    public int GroupCount { get; }

    public int GroupLength { get; }

    public int Length => GroupCount * GroupLength;

    public IdCharacters Characters { get; }

    /// <summary>
    /// Each group of a value issued here ends in a check character (<see cref="GroupCheck"/>). False for numbers and
    /// codes that only ever come from elsewhere: those are read for their shape alone.
    /// </summary>
    public bool CheckCharacters { get; }

    /// <summary>
    /// True when every genuine value was issued here (license key pack IDs), so one that is not written in the issuing
    /// alphabet or does not check out is refused. Otherwise such a value may come from elsewhere: see
    /// <see cref="ForeignIds"/> for how it is taken.
    /// </summary>
    public bool IssuedHereOnly { get; }

    /// <summary>The shape a person sees, e.g. "35 letters or digits, 7 groups of 5" or "7 digits".</summary>
    public string ShapeDescription => Characters == IdCharacters.Digits
        ? Texts.Get("IdFormat.Shape.Digits", Length)
        : GroupCount == 1
            ? Texts.Get("IdFormat.Shape.Characters", Length)
            : Texts.Get("IdFormat.Shape.Groups", Length, GroupCount, GroupLength);

    /// <summary>
    /// Reads an ID as typed or pasted: case does not matter, and hyphens, dashes and spaces are ignored.
    /// </summary>
    /// <param name="label">
    /// How the field is named within a sentence where it was typed, in the current language; defaults to
    /// <see cref="Name"/>. Messages are in the current language (the API's, English).
    /// </param>
    /// <param name="issuedHereOnly">
    /// Read it as if only values issued here were genuine (strict mode), whatever <see cref="IssuedHereOnly"/> says.
    /// </param>
    public IdParseResult Parse(string? input, string? label = null, bool issuedHereOnly = false)
    {
        var what = label ?? Name;
        var onlyOurs = IssuedHereOnly || issuedHereOnly;

        // Separators alone ("-----", or the hyphens that join empty per-group fields) are nothing entered, too.
        var parts = input is null ? [] : SplitOnSeparators(input);
        if (parts.Count == 0)
        {
            return Fail(new IdError(IdErrorKind.Empty, Texts.Get("IdFormat.Empty", what)));
        }

        var value = string.Concat(parts).ToUpperInvariant();

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var allowed = Characters == IdCharacters.Digits ? char.IsAsciiDigit(c) : char.IsAsciiLetterOrDigit(c);
            if (!allowed)
            {
                var digits = Characters == IdCharacters.Digits;
                var message = GroupOf(i) is { } group
                    ? Texts.Get(digits ? "IdFormat.InvalidCharacter.InGroup.Digits" : "IdFormat.InvalidCharacter.InGroup.LettersAndDigits",
                        what, Shown(value, i), group, PositionOf(i))
                    : Texts.Get(digits ? "IdFormat.InvalidCharacter.AtPosition.Digits" : "IdFormat.InvalidCharacter.AtPosition.LettersAndDigits",
                        what, Shown(value, i), i + 1);
                return Fail(new IdError(IdErrorKind.InvalidCharacter, message, GroupOf(i), PositionOf(i)));
            }
        }

        if (GroupCount > 1 && parts.Count == GroupCount)
        {
            for (var g = 0; g < parts.Count; g++)
            {
                if (parts[g].Length != GroupLength)
                {
                    return Fail(new IdError(
                        IdErrorKind.WrongGroupLength,
                        Texts.Get(parts[g].Length == 1 ? "IdFormat.WrongGroupLength.One" : "IdFormat.WrongGroupLength",
                            g + 1, what, parts[g].Length, GroupLength),
                        g + 1));
                }
            }
        }

        if (value.Length != Length)
        {
            var one = value.Length == 1;
            var key = GroupCount > 1 ? (one ? "IdFormat.WrongLength.Groups.One" : "IdFormat.WrongLength.Groups")
                : Characters == IdCharacters.Digits ? (one ? "IdFormat.WrongLength.Digits.One" : "IdFormat.WrongLength.Digits")
                : one ? "IdFormat.WrongLength.Characters.One" : "IdFormat.WrongLength.Characters";
            return Fail(new IdError(
                IdErrorKind.WrongLength, Texts.Get(key, what, value.Length, Length, GroupCount, GroupLength)));
        }

        if (!CheckCharacters)
        {
            // Numbers and codes bought elsewhere carry no check characters, so none can be verified.
            return new IdParseResult(value, IdOrigin.Unverified, null);
        }

        var outside = value.AsSpan().IndexOfAnyExcept(GroupCheck.Alphabet);
        if (outside >= 0)
        {
            if (!onlyOurs)
            {
                return new IdParseResult(value, IdOrigin.Unverified, null);
            }

            // A License Server ID from elsewhere may well contain the character; only ours never do.
            return Fail(new IdError(
                IdErrorKind.NotIssuedAlphabet,
                Texts.Get("IdFormat.NotIssuedAlphabet", GroupOf(outside), what, value[outside], PositionOf(outside),
                    IssuedHerePlural, AlphabetLetters, AlphabetDigits),
                GroupOf(outside),
                PositionOf(outside)));
        }

        var failed = new List<int>();
        for (var g = 0; g < GroupCount; g++)
        {
            if (!GroupCheck.IsValid(value.AsSpan(g * GroupLength, GroupLength)))
            {
                failed.Add(g + 1);
            }
        }

        if (failed.Count > 0)
        {
            var error = new IdError(
                IdErrorKind.CheckFailed,
                Texts.Get(failed.Count == 1 ? "IdFormat.CheckFailed.One" : "IdFormat.CheckFailed", GroupList(failed), what),
                failed[0]);

            // Only an ID that may come from elsewhere keeps its value: whether to take it is the caller's decision.
            return new IdParseResult(onlyOurs ? null : value, onlyOurs ? IdOrigin.Unverified : IdOrigin.ChecksFailed, error)
            {
                FailedGroups = failed,
            };
        }

        return new IdParseResult(value, IdOrigin.IssuedHere, null);
    }

    /// <summary>Shows a canonical value (no separators) in its groups, e.g. "BCDFG-HJKMP-…".</summary>
    public string Format(string value)
    {
        if (GroupCount == 1 || value.Length != Length)
        {
            return value;
        }

        var builder = new StringBuilder(Length + GroupCount - 1);
        for (var g = 0; g < GroupCount; g++)
        {
            if (g > 0)
            {
                builder.Append('-');
            }

            builder.Append(value, g * GroupLength, GroupLength);
        }

        return builder.ToString();
    }

    /// <summary>
    /// A new value with check characters: 4 of every 5 characters drawn uniformly from the 24-symbol alphabet, the
    /// fifth their check character (a 35-character ID carries 28 × log2(24) ≈ 128 bits).
    /// </summary>
    /// <exception cref="InvalidOperationException">For the all-digit numbers (agreement, Open License), which are
    /// bought elsewhere and never generated here.</exception>
    public string Generate(RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!CheckCharacters)
        {
            throw new InvalidOperationException($"A {Key} is bought elsewhere; this clearinghouse does not generate one.");
        }

        var chars = new char[Length];
        for (var g = 0; g < GroupCount; g++)
        {
            var group = chars.AsSpan(g * GroupLength, GroupLength);
            for (var i = 0; i < GroupLength - 1; i++)
            {
                group[i] = GroupCheck.Alphabet[Uniform(random, GroupCheck.Alphabet.Length)];
            }

            group[^1] = GroupCheck.CheckCharacterFor(group[..^1]);
        }

        return new string(chars);
    }

    public override string ToString() => Key;

    /// <summary>
    /// What was typed without its separators, in upper case: the characters of an ID however it was grouped ("bcd
    /// fg-hj km" → "BCDFGHJKM"), by the same rules <see cref="Parse"/> reads an ID by. Nothing else is checked.
    /// </summary>
    public static string Compact(string? input) =>
        input is null ? string.Empty : string.Concat(SplitOnSeparators(input)).ToUpperInvariant();

    /// <summary>Group numbers as a list in the current language: "3", "1, 4 and 7".</summary>
    internal static string GroupList(IReadOnlyList<int> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return Texts.JoinAnd([.. groups.Select(g => g.ToString(CultureInfo.CurrentCulture))]);
    }

    /// <summary>
    /// A character as a message can show it: quoted when it is visible, as its code point (U+001B) when it is a
    /// control, format, separator, private-use, unassigned or combining character, which would be invisible, would
    /// garble the message, or (ESC, a bidirectional override) act on whatever displays it.
    /// </summary>
    private static string Shown(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return CodePoint(text[index]);
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark => CodePoint(rune.Value),
            _ => $"'{rune}'",
        };
    }

    internal static string CodePoint(int value) => string.Create(CultureInfo.InvariantCulture, $"U+{value:X4}");

    private const string AlphabetLetters = "BCDFGHJKMPQRTVWXY";

    private const string AlphabetDigits = "2346789";

    private static IdParseResult Fail(IdError error) => new(null, IdOrigin.Unverified, error);

    private static List<string> SplitOnSeparators(string input)
    {
        var parts = new List<string>();
        var start = -1;
        for (var i = 0; i <= input.Length; i++)
        {
            var separator = i == input.Length || IsSeparator(input[i]);
            if (separator && start >= 0)
            {
                parts.Add(input[start..i]);
                start = -1;
            }
            else if (!separator && start < 0)
            {
                start = i;
            }
        }

        return parts;
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation;

    // Rejection sampling keeps every symbol equally likely whatever generator is passed in.
    private static int Uniform(RandomNumberGenerator random, int range)
    {
        Span<byte> one = stackalloc byte[1];
        var limit = 256 - (256 % range);
        while (true)
        {
            random.GetBytes(one);
            if (one[0] < limit)
            {
                return one[0] % range;
            }
        }
    }

    private int? GroupOf(int index) => GroupCount > 1 && index < Length ? (index / GroupLength) + 1 : null;

    private int? PositionOf(int index) => index < Length ? (index % GroupLength) + 1 : null;

}

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Licensing;

public sealed class IdFormatTests
{
    private const string Alphabet = GroupCheck.Alphabet;

    private const int Seed = 20_261_128;

    // Enough IDs that every position sees every substitution many times over, few enough to stay within seconds.
    private const int RandomIdCount = 2_000;

    public static TheoryData<string> CheckedIdFormats => new() { nameof(IdFormat.KeyPackId), nameof(IdFormat.LicenseServerId) };

    public static TheoryData<string> LettersAndDigitsFormats => new()
    {
        nameof(IdFormat.KeyPackId),
        nameof(IdFormat.LicenseServerId),
        nameof(IdFormat.RetailLicenseCode),
    };

    [Fact]
    public void Parse_AnAuthorizationNumberInTheAlphabet_TakesItUncheckedWhateverItsLastCharacters()
    {
        // Open License authorization numbers are printed on a confirmation from elsewhere: no check characters gate them.
        var random = new SeededRandomNumberGenerator(Seed);
        for (var n = 0; n < 1_000; n++)
        {
            var value = new string([.. Enumerable.Range(0, 15).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);

            var parsed = IdFormat.OpenLicenseAuthorizationNumber.Parse(value);

            Assert.Null(parsed.Error);
            Assert.Equal(IdOrigin.Unverified, parsed.Origin);
            Assert.Equal(value, parsed.Value);
        }

        Assert.Throws<InvalidOperationException>(() => IdFormat.OpenLicenseAuthorizationNumber.Generate(random));
    }

    [Theory]
    [InlineData("00490-92005-99454-AT527")]
    [InlineData("00490 92005 99454 at527")]
    [InlineData("004909200599454AT527")]
    public void Parse_AProductId_TakesItAsTypedUncheckedInCanonicalForm(string typed)
    {
        // Windows gives the Product ID; no check characters gate it.
        var parsed = IdFormat.ProductId.Parse(typed);

        Assert.Null(parsed.Error);
        Assert.Equal(IdOrigin.Unverified, parsed.Origin);
        Assert.Equal("004909200599454AT527", parsed.Value);
        Assert.Equal("00490-92005-99454-AT527", IdFormat.ProductId.Format(parsed.Value!));
        Assert.Throws<InvalidOperationException>(() => IdFormat.ProductId.Generate(new SeededRandomNumberGenerator(Seed)));
    }

    [Theory]
    [InlineData("00490-92005-99454", "The Product ID has 15 characters; it needs 20 (4 groups of 5).")]
    [InlineData("00490-92005-9945-AT5277", "Group 3 of the Product ID has 4 characters; each group has 5.")]
    [InlineData("00490-92005-99454-AT52#", "The Product ID contains '#' in group 4 (character 5); it is made of letters and digits only.")]
    [InlineData(" - ", "Enter the Product ID.")]
    public void Parse_AProductIdOfTheWrongShape_SaysWhatIsWrong(string typed, string message)
    {
        var parsed = IdFormat.ProductId.Parse(typed);

        Assert.Equal(message, parsed.Error?.Message);
        Assert.Null(parsed.Value);
    }

    // ---- Typos are caught, and the group is named ----

    [Theory]
    [MemberData(nameof(CheckedIdFormats))]
    public void Parse_WhenOneCharacterIsSubstituted_RefusesItNamingTheGroup(string formatName)
    {
        var format = FormatNamed(formatName);
        var random = new SeededRandomNumberGenerator(Seed);
        const string label = "Target field";
        var failures = new List<string>();
        var tried = 0;

        for (var n = 0; n < RandomIdCount; n++)
        {
            var id = format.Generate(random);
            var typed = id.ToCharArray();
            for (var i = 0; i < typed.Length; i++)
            {
                foreach (var other in Alphabet)
                {
                    if (other == id[i])
                    {
                        continue;
                    }

                    typed[i] = other;
                    var result = format.Parse(new string(typed), label);
                    tried++;
                    var group = (i / 5) + 1;
                    if (DescribeUnexpected(format, result, group, $"Group {group} of the {label} does not check out:") is { } problem)
                    {
                        failures.Add($"{id}: '{other}' at {i + 1}: {problem}");
                    }
                }

                typed[i] = id[i];
            }
        }

        Assert.Equal(RandomIdCount * 35 * 23, tried);
        Assert.Empty(failures.Take(10));
    }

    [Theory]
    [MemberData(nameof(CheckedIdFormats))]
    public void Parse_WhenTwoAdjacentCharactersAreSwapped_RefusesItNamingTheFirstGroupTouched(string formatName)
    {
        var format = FormatNamed(formatName);
        var random = new SeededRandomNumberGenerator(Seed + 1);
        const string label = "Target field";
        var failures = new List<string>();
        var withinGroups = 0;
        var acrossGroups = 0;

        for (var n = 0; n < RandomIdCount; n++)
        {
            var id = format.Generate(random);
            var typed = id.ToCharArray();
            for (var i = 0; i < typed.Length - 1; i++)
            {
                if (id[i] == id[i + 1])
                {
                    continue;
                }

                (typed[i], typed[i + 1]) = (id[i + 1], id[i]);
                var result = format.Parse(new string(typed), label);
                var group = (i / 5) + 1;
                var straddles = i % 5 == 4;
                var expected = straddles
                    ? $"Groups {group} and {group + 1} of the {label} do not check out:"
                    : $"Group {group} of the {label} does not check out:";
                if (DescribeUnexpected(format, result, group, expected) is { } problem)
                {
                    failures.Add($"{id}: swap at {i + 1}-{i + 2}: {problem}");
                }

                if (straddles)
                {
                    acrossGroups++;
                }
                else
                {
                    withinGroups++;
                }

                (typed[i], typed[i + 1]) = (id[i], id[i + 1]);
            }
        }

        Assert.Empty(failures.Take(10));

        // Most pairs differ (23 in 24), so nearly all 34 swaps per ID were tried, the 6 across boundaries included.
        Assert.InRange(withinGroups, RandomIdCount * 28 * 9 / 10, RandomIdCount * 28);
        Assert.InRange(acrossGroups, RandomIdCount * 6 * 9 / 10, RandomIdCount * 6);
    }

    [Fact]
    public void Parse_WhenCharactersAcrossAGroupBoundaryAreSwapped_NamesBothGroupsFirstOneFirst()
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));
        var typed = id.ToCharArray();
        var boundary = Enumerable.Range(1, 6).Select(g => (g * 5) - 1).First(i => id[i] != id[i + 1]);
        (typed[boundary], typed[boundary + 1]) = (typed[boundary + 1], typed[boundary]);

        var result = IdFormat.KeyPackId.Parse(IdFormat.KeyPackId.Format(new string(typed)), "Key pack ID");

        var firstGroup = (boundary / 5) + 1;
        Assert.Equal(IdErrorKind.CheckFailed, result.Error?.Kind);
        Assert.Equal(firstGroup, result.Error!.Group);
        Assert.StartsWith($"Groups {firstGroup} and {firstGroup + 1} of the Key pack ID do not check out", result.Error.Message);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Parse_WhenSeveralGroupsAreMistyped_NamesThemAllAndPointsAtTheFirst()
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));
        var typed = id.ToCharArray();
        foreach (var group in new[] { 1, 4, 7 })
        {
            var i = (group - 1) * 5;
            typed[i] = Alphabet[(GroupCheck.IndexOf(typed[i]) + 1) % Alphabet.Length];
        }

        var result = IdFormat.KeyPackId.Parse(new string(typed));

        Assert.Equal(IdErrorKind.CheckFailed, result.Error?.Kind);
        Assert.Equal(1, result.Error!.Group);
        Assert.StartsWith("Groups 1, 4 and 7 of the license key pack ID do not check out", result.Error.Message);
    }

    [Fact]
    public void Parse_WhenALicenseServerIdInTheAlphabetHasABadCheck_NamesTheGroupAndKeepsTheValueForTheCallerToJudge()
    {
        var id = IdFormat.LicenseServerId.Generate(new SeededRandomNumberGenerator(Seed));
        var typed = id.ToCharArray();
        typed[17] = Alphabet[(GroupCheck.IndexOf(typed[17]) + 5) % Alphabet.Length];

        var result = IdFormat.LicenseServerId.Parse(new string(typed), "Target License Server ID");

        // A typo in one of ours, or a real server's ID in the same alphabet: refused as it stands, but well-formed.
        Assert.False(result.IsValid);
        Assert.True(result.IsWellFormed);
        Assert.Equal(new string(typed), result.Value);
        Assert.Equal(IdOrigin.ChecksFailed, result.Origin);
        Assert.Equal([4], result.FailedGroups);
        Assert.Equal(IdErrorKind.CheckFailed, result.Error!.Kind);
        Assert.Equal(4, result.Error.Group);
        Assert.Equal(
            "Group 4 of the Target License Server ID does not check out: a character is mistyped or two are swapped. " +
            "Compare it character by character with the original.",
            result.Error.Message);
    }

    [Fact]
    public void Parse_WhenALicenseServerIdInTheAlphabetHasABadCheckAndOnlyOursCount_IsAHardError()
    {
        var id = IdFormat.LicenseServerId.Generate(new SeededRandomNumberGenerator(Seed));
        var typed = id.ToCharArray();
        typed[17] = Alphabet[(GroupCheck.IndexOf(typed[17]) + 5) % Alphabet.Length];

        var result = IdFormat.LicenseServerId.Parse(new string(typed), "Target License Server ID", issuedHereOnly: true);

        Assert.False(result.IsWellFormed);
        Assert.Null(result.Value);
        Assert.Equal(IdErrorKind.CheckFailed, result.Error?.Kind);
        Assert.Equal(4, result.Error!.Group);
        Assert.StartsWith("Group 4 of the Target License Server ID does not check out", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RandomIdsInTheIssuingAlphabet_AreWellFormedAndNearlyNeverCheckOut()
    {
        // What a real server's ID may look like: product-key characters only, no check characters of ours.
        var random = new SeededRandomNumberGenerator(Seed + 2);
        var bytes = new byte[35];
        var origins = new Dictionary<IdOrigin, int>();

        for (var n = 0; n < 100_000; n++)
        {
            random.GetBytes(bytes);
            var id = string.Concat(bytes.Select(b => Alphabet[b % Alphabet.Length]));
            var result = IdFormat.LicenseServerId.Parse(id);
            Assert.True(result.IsWellFormed, id);
            origins[result.Origin] = origins.GetValueOrDefault(result.Origin) + 1;
        }

        // A random group checks out 1 time in 24, all seven about once in 4.6 billion IDs.
        Assert.Equal(100_000, origins.GetValueOrDefault(IdOrigin.ChecksFailed));
    }

    // ---- What this clearinghouse generates ----

    [Theory]
    [MemberData(nameof(LettersAndDigitsFormats))]
    public void Generate_ForLettersAndDigits_GivesIdsInTheAlphabetThatParseBackAsIssuedHere(string formatName)
    {
        var format = FormatNamed(formatName);
        var random = new SeededRandomNumberGenerator(Seed);
        var shown = new Regex($"^[{Alphabet}]{{5}}(-[{Alphabet}]{{5}}){{{format.GroupCount - 1}}}$", RegexOptions.CultureInvariant);

        for (var n = 0; n < 500; n++)
        {
            var value = format.Generate(random);

            Assert.Equal(format.Length, value.Length);
            Assert.True(value.All(c => Alphabet.Contains(c, StringComparison.Ordinal)), value);
            var formatted = format.Format(value);
            Assert.Matches(shown, formatted);
            Assert.Equal(value, formatted.Replace("-", string.Empty, StringComparison.Ordinal));

            var parsed = format.Parse(value);
            Assert.Null(parsed.Error);
            Assert.Equal(IdOrigin.IssuedHere, parsed.Origin);
            Assert.Equal(value, parsed.Value);
            Assert.Equal(parsed, format.Parse(formatted));
        }
    }

    [Fact]
    public void Format_ShowsIdsAsSevenGroupsOfFiveAndRetailCodesAsFive()
    {
        var random = new SeededRandomNumberGenerator(Seed);
        var keyPack = IdFormat.KeyPackId.Format(IdFormat.KeyPackId.Generate(random));
        var server = IdFormat.LicenseServerId.Format(IdFormat.LicenseServerId.Generate(random));
        var retail = IdFormat.RetailLicenseCode.Format(IdFormat.RetailLicenseCode.Generate(random));

        Assert.Equal(41, keyPack.Length);
        Assert.Equal(7, keyPack.Split('-').Length);
        Assert.All(keyPack.Split('-'), group => Assert.Equal(5, group.Length));
        Assert.Equal(7, server.Split('-').Length);
        Assert.Equal(29, retail.Length);
        Assert.Equal(5, retail.Split('-').Length);
        Assert.All(retail.Split('-'), group => Assert.Equal(5, group.Length));
    }

    [Fact]
    public void Format_WhenTheValueIsNotCanonicalOrHasOneGroup_LeavesItAsItIs()
    {
        Assert.Equal("BCDFG", IdFormat.KeyPackId.Format("BCDFG"));
        Assert.Equal("1234567", IdFormat.AgreementNumber.Format("1234567"));
        Assert.Equal("12345678", IdFormat.OpenLicenseNumber.Format("12345678"));
    }

    [Theory]
    [InlineData(nameof(IdFormat.AgreementNumber))]
    [InlineData(nameof(IdFormat.OpenLicenseNumber))]
    public void Generate_ForDigits_IsRefusedBecauseTheyAreBoughtElsewhere(string formatName)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FormatNamed(formatName).Generate(new SeededRandomNumberGenerator(Seed)));

        Assert.Contains("bought elsewhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DrawsEverySymbolOfTheAlphabetAboutEquallyOften()
    {
        var random = new SeededRandomNumberGenerator(Seed);
        var counts = new int[Alphabet.Length];
        var drawn = 0;
        while (drawn < 20_000)
        {
            var id = IdFormat.KeyPackId.Generate(random);
            for (var i = 0; i < id.Length; i++)
            {
                // The data characters, drawn at random; the fifth of each group is computed from them.
                if (i % 5 != 4)
                {
                    counts[GroupCheck.IndexOf(id[i])]++;
                    drawn++;
                }
            }
        }

        var expected = (double)drawn / Alphabet.Length;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        Assert.All(counts, c => Assert.InRange(c, expected * 0.8, expected * 1.2));

        // 23 degrees of freedom: mean 23, standard deviation under 7; 70 lies beyond any plausible chance result.
        Assert.InRange(chiSquare, 0, 70);
    }

    [Fact]
    public void Generate_WithTheSystemGenerator_GivesDistinctIds()
    {
        using var random = RandomNumberGenerator.Create();

        var keyPacks = Enumerable.Range(0, 1_000).Select(_ => IdFormat.KeyPackId.Generate(random)).ToList();
        var servers = Enumerable.Range(0, 1_000).Select(_ => IdFormat.LicenseServerId.Generate(random)).ToList();

        Assert.Equal(1_000, keyPacks.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1_000, servers.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(keyPacks.Intersect(servers, StringComparer.Ordinal));
        Assert.All(keyPacks, id => Assert.Equal(IdOrigin.IssuedHere, IdFormat.KeyPackId.Parse(id).Origin));
    }

    [Fact]
    public void Generate_WithTheSameSeed_GivesTheSameIds()
    {
        var a = new SeededRandomNumberGenerator(7);
        var b = new SeededRandomNumberGenerator(7);
        var c = new SeededRandomNumberGenerator(8);

        var fromA = Enumerable.Range(0, 20).Select(_ => IdFormat.KeyPackId.Generate(a)).ToList();
        var fromB = Enumerable.Range(0, 20).Select(_ => IdFormat.KeyPackId.Generate(b)).ToList();
        var fromC = Enumerable.Range(0, 20).Select(_ => IdFormat.KeyPackId.Generate(c)).ToList();

        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
        Assert.Equal(20, fromA.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_WithoutAGenerator_Throws() =>
        Assert.Throws<ArgumentNullException>(() => IdFormat.KeyPackId.Generate(null!));

    // ---- How typed and pasted input is read ----

    [Fact]
    public void Parse_IgnoresCase()
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));

        var lower = IdFormat.KeyPackId.Parse(IdFormat.KeyPackId.Format(id).ToLowerInvariant());
        var mixed = IdFormat.KeyPackId.Parse(string.Concat(id.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : c)));

        Assert.Equal(id, lower.Value);
        Assert.Equal(IdOrigin.IssuedHere, lower.Origin);
        Assert.Equal(id, mixed.Value);
        Assert.Equal(IdOrigin.IssuedHere, mixed.Origin);
    }

    [Theory]
    [InlineData("-")]
    [InlineData(" ")]
    [InlineData(" - ")]
    [InlineData("\u2013")] // en dash, as word processors turn a hyphen
    [InlineData("\u2014")] // em dash
    [InlineData("\u00A0")] // non-breaking space, as copied from a web page
    [InlineData("\t")]
    [InlineData("")]
    public void Parse_IgnoresSeparatorsBetweenGroups(string separator)
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));
        var groups = Enumerable.Range(0, 7).Select(g => id.Substring(g * 5, 5));

        var result = IdFormat.KeyPackId.Parse($" {string.Join(separator, groups)}\u00A0\n");

        Assert.Null(result.Error);
        Assert.Equal(id, result.Value);
        Assert.Equal(IdOrigin.IssuedHere, result.Origin);
    }

    [Fact]
    public void Parse_WhenPastedWithOrWithoutHyphens_GivesTheSameCanonicalValue()
    {
        var id = IdFormat.LicenseServerId.Generate(new SeededRandomNumberGenerator(Seed));
        var hyphenated = IdFormat.LicenseServerId.Format(id);

        var withHyphens = IdFormat.LicenseServerId.Parse(hyphenated);
        var withoutHyphens = IdFormat.LicenseServerId.Parse(id);
        var separatorsInsideGroups = IdFormat.LicenseServerId.Parse($"{id[..3]} {id[3..20]}-{id[20..]}");

        Assert.Contains('-', hyphenated);
        Assert.Equal(id, withHyphens.Value);
        Assert.Equal(withHyphens, withoutHyphens);
        Assert.Equal(withHyphens, separatorsInsideGroups);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\t")]
    [InlineData("-")]
    [InlineData("------")]
    [InlineData(" - - \u2013 ")]
    public void Parse_WhenNothingIsEntered_AsksForTheId(string? input)
    {
        var result = IdFormat.KeyPackId.Parse(input, "Key pack ID");

        Assert.Equal(IdErrorKind.Empty, result.Error?.Kind);
        Assert.Equal("Enter the Key pack ID.", result.Error!.Message);
        Assert.Null(result.Error.Group);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData(34)]
    [InlineData(36)]
    [InlineData(1)]
    [InlineData(70)]
    public void Parse_WhenTheLengthIsWrong_SaysHowManyCharactersItHasAndThatItNeeds35(int length)
    {
        var random = new SeededRandomNumberGenerator(Seed);
        var text = string.Concat(IdFormat.KeyPackId.Generate(random), IdFormat.KeyPackId.Generate(random))[..length];

        var result = IdFormat.KeyPackId.Parse(text, "Key pack ID");

        Assert.Equal(IdErrorKind.WrongLength, result.Error?.Kind);
        var unit = length == 1 ? "character" : "characters";
        Assert.Equal($"The Key pack ID has {length} {unit}; it needs 35 (7 groups of 5).", result.Error!.Message);
        Assert.Null(result.Error.Group);
    }

    [Fact]
    public void Parse_WhenSixOrEightGroupsOfFiveAreEntered_SaysHowManyCharactersItHas()
    {
        var random = new SeededRandomNumberGenerator(Seed);
        var id = IdFormat.LicenseServerId.Format(IdFormat.LicenseServerId.Generate(random));

        var six = IdFormat.LicenseServerId.Parse(id[..^6], "License Server ID");
        var eight = IdFormat.LicenseServerId.Parse(id + "-BCDFG", "License Server ID");

        Assert.Equal(IdErrorKind.WrongLength, six.Error?.Kind);
        Assert.Contains("has 30 characters; it needs 35 (7 groups of 5)", six.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(IdErrorKind.WrongLength, eight.Error?.Kind);
        Assert.Contains("has 40 characters; it needs 35 (7 groups of 5)", eight.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void Parse_WhenOneOfSevenGroupsHasTheWrongLength_NamesThatGroup(int group)
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));
        var groups = Enumerable.Range(0, 7).Select(g => id.Substring(g * 5, 5)).ToArray();
        var shorter = (string[])groups.Clone();
        shorter[group - 1] = shorter[group - 1][..4];
        var longer = (string[])groups.Clone();
        longer[group - 1] += "B";

        var tooShort = IdFormat.KeyPackId.Parse(string.Join('-', shorter), "Key pack ID");
        var tooLong = IdFormat.KeyPackId.Parse(string.Join(' ', longer), "Key pack ID");

        Assert.Equal(IdErrorKind.WrongGroupLength, tooShort.Error?.Kind);
        Assert.Equal(group, tooShort.Error!.Group);
        Assert.Equal($"Group {group} of the Key pack ID has 4 characters; each group has 5.", tooShort.Error.Message);
        Assert.Equal(IdErrorKind.WrongGroupLength, tooLong.Error?.Kind);
        Assert.Equal(group, tooLong.Error!.Group);
        Assert.Equal($"Group {group} of the Key pack ID has 6 characters; each group has 5.", tooLong.Error.Message);
    }

    [Fact]
    public void Parse_WhenAShortGroupIsMadeUpByALongOne_NamesTheFirstWrongGroup()
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));
        var shifted = $"{id[..5]}-{id[5..9]}-{id[9..16]}-{id[16..20]}-{id[20..25]}-{id[25..30]}-{id[30..]}";

        var result = IdFormat.KeyPackId.Parse(shifted);

        Assert.Equal(35, shifted.Count(char.IsAsciiLetterOrDigit));
        Assert.Equal(IdErrorKind.WrongGroupLength, result.Error?.Kind);
        Assert.Equal(2, result.Error!.Group);
        Assert.Contains("Group 2 of the license key pack ID has 4 characters", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('*', 1, 1)]
    [InlineData('.', 3, 2)]
    [InlineData('_', 5, 5)]
    [InlineData('/', 7, 3)]
    [InlineData('#', 4, 4)]
    public void Parse_WhenACharacterIsNeitherLetterNorDigit_NamesGroupAndPosition(char wrong, int group, int position)
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed)).ToCharArray();
        id[((group - 1) * 5) + position - 1] = wrong;

        var result = IdFormat.KeyPackId.Parse(IdFormat.KeyPackId.Format(new string(id)), "Key pack ID");

        Assert.Equal(IdErrorKind.InvalidCharacter, result.Error?.Kind);
        Assert.Equal(group, result.Error!.Group);
        Assert.Equal(position, result.Error.Position);
        Assert.Equal(
            $"The Key pack ID contains '{wrong}' in group {group} (character {position}); it is made of letters and digits only.",
            result.Error.Message);
    }

    [Theory]
    [InlineData("\u001B", "U+001B")] // ESC, which starts a terminal escape sequence
    [InlineData("\u0000", "U+0000")]
    [InlineData("\u0007", "U+0007")] // BEL
    [InlineData("\u007F", "U+007F")] // DEL
    [InlineData("\u202E", "U+202E")] // right-to-left override
    [InlineData("\u2066", "U+2066")] // left-to-right isolate
    [InlineData("\u200B", "U+200B")] // zero-width space
    [InlineData("\u200F", "U+200F")] // right-to-left mark
    [InlineData("\u0301", "U+0301")] // combining acute accent, which would sit on the quote mark
    [InlineData("\uE000", "U+E000")] // private use
    [InlineData("\U0001F600", "'\U0001F600'")] // an emoji: visible, shown whole rather than half a surrogate pair
    [InlineData("\u00E9", "'\u00C9'")] // é, visible, upper-cased like the rest
    public void Parse_WhenTheWrongCharacterWouldBeInvisibleOrActOnTheScreen_ShowsItsCodePoint(string wrong, string shown)
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed));
        var typed = id[..11] + wrong + id[12..];

        var result = IdFormat.KeyPackId.Parse(typed, "Key pack ID");

        Assert.Equal(IdErrorKind.InvalidCharacter, result.Error?.Kind);
        Assert.Equal($"The Key pack ID contains {shown} in group 3 (character 2); it is made of letters and digits only.", result.Error!.Message);
        Assert.DoesNotContain(result.Error.Message, c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
    }

    [Theory]
    [InlineData('\u00E9')] // é
    [InlineData('\uFF22')] // full-width B
    [InlineData('\u0412')] // Cyrillic В, which looks like B
    public void Parse_WhenALetterIsNotAscii_RefusesItAsAnInvalidCharacter(char wrong)
    {
        var id = IdFormat.LicenseServerId.Generate(new SeededRandomNumberGenerator(Seed)).ToCharArray();
        id[12] = wrong;

        var result = IdFormat.LicenseServerId.Parse(new string(id), "License Server ID");

        Assert.Equal(IdErrorKind.InvalidCharacter, result.Error?.Kind);
        Assert.Equal(3, result.Error!.Group);
        Assert.Equal(3, result.Error.Position);
        Assert.Contains("License Server ID", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('O', 1, 1)]
    [InlineData('A', 2, 3)]
    [InlineData('0', 3, 5)]
    [InlineData('1', 4, 2)]
    [InlineData('5', 5, 4)]
    [InlineData('I', 6, 1)]
    [InlineData('L', 7, 5)]
    [InlineData('S', 7, 1)]
    [InlineData('o', 2, 2)]
    public void Parse_KeyPackId_WhenACharacterIsOutsideTheIssuingAlphabet_NamesGroupAndPosition(char wrong, int group, int position)
    {
        var id = IdFormat.KeyPackId.Generate(new SeededRandomNumberGenerator(Seed)).ToCharArray();
        id[((group - 1) * 5) + position - 1] = wrong;

        var result = IdFormat.KeyPackId.Parse(new string(id), "Key pack ID");

        Assert.Equal(IdErrorKind.NotIssuedAlphabet, result.Error?.Kind);
        Assert.Equal(group, result.Error!.Group);
        Assert.Equal(position, result.Error.Position);
        Assert.StartsWith(
            $"Group {group} of the Key pack ID contains '{char.ToUpperInvariant(wrong)}' (character {position}), " +
            "which license key pack IDs never contain",
            result.Error.Message);
        Assert.Contains("BCDFGHJKMPQRTVWXY", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("2346789", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("A")]
    [InlineData("o1")]
    [InlineData("5SLIE")]
    public void Parse_LicenseServerId_WhenWellFormedButOutsideTheAlphabet_AcceptsItAsForeign(string foreign)
    {
        var id = IdFormat.LicenseServerId.Generate(new SeededRandomNumberGenerator(Seed));
        var typed = foreign + id[foreign.Length..];

        var result = IdFormat.LicenseServerId.Parse(IdFormat.LicenseServerId.Format(typed), "License Server ID");

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(IdOrigin.Unverified, result.Origin);
        Assert.Equal(typed.ToUpperInvariant(), result.Value);
    }

    [Theory]
    [InlineData('A', 2, 3)]
    [InlineData('0', 5, 1)]
    public void Parse_LicenseServerId_WhenOnlyOursCount_RefusesACharacterOutsideTheAlphabetSayingOursNeverContainIt(
        char wrong, int group, int position)
    {
        var id = IdFormat.LicenseServerId.Generate(new SeededRandomNumberGenerator(Seed)).ToCharArray();
        id[((group - 1) * 5) + position - 1] = wrong;

        var result = IdFormat.LicenseServerId.Parse(new string(id), "Target License Server ID", issuedHereOnly: true);

        Assert.Equal(IdErrorKind.NotIssuedAlphabet, result.Error?.Kind);
        Assert.Equal((group, position), (result.Error!.Group, result.Error.Position));
        Assert.StartsWith(
            $"Group {group} of the Target License Server ID contains '{wrong}' (character {position}), which License " +
            "Server IDs issued here never contain: they use only the letters BCDFGHJKMPQRTVWXY and the digits 2346789.",
            result.Error.Message);
    }

    [Fact]
    public void GroupList_NamesOneGroupOrSeveral()
    {
        Assert.Equal("3", IdFormat.GroupList([3]));
        Assert.Equal("1 and 7", IdFormat.GroupList([1, 7]));
        Assert.Equal("1, 2, 3, 4, 5, 6 and 7", IdFormat.GroupList([1, 2, 3, 4, 5, 6, 7]));
    }

    [Fact]
    public void Parse_LicenseServerId_WhenAllDigits_AcceptsItAsForeign()
    {
        const string digits = "01234-56789-01234-56789-01234-56789-01234";

        var result = IdFormat.LicenseServerId.Parse(digits);

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(IdOrigin.Unverified, result.Origin);
        Assert.Equal(digits.Replace("-", string.Empty, StringComparison.Ordinal), result.Value);
    }

    [Fact]
    public void Parse_RetailLicenseCode_ReadsFiveGroupsAndAcceptsForeignCodes()
    {
        var code = IdFormat.RetailLicenseCode.Generate(new SeededRandomNumberGenerator(Seed));

        var issued = IdFormat.RetailLicenseCode.Parse(IdFormat.RetailLicenseCode.Format(code).ToLowerInvariant());
        var foreign = IdFormat.RetailLicenseCode.Parse("A" + code[1..]);
        var tooShort = IdFormat.RetailLicenseCode.Parse(code[..24], "License code");

        Assert.Equal(code, issued.Value);
        Assert.Equal(IdOrigin.IssuedHere, issued.Origin);
        Assert.True(foreign.IsValid);
        Assert.Equal(IdOrigin.Unverified, foreign.Origin);
        Assert.Equal("The License code has 24 characters; it needs 25 (5 groups of 5).", tooShort.Error?.Message);
    }

    [Theory]
    [InlineData(nameof(IdFormat.AgreementNumber), "1234567", "1234567")]
    [InlineData(nameof(IdFormat.AgreementNumber), " 123-4567 ", "1234567")]
    [InlineData(nameof(IdFormat.AgreementNumber), "1234566", "1234566")]
    [InlineData(nameof(IdFormat.OpenLicenseNumber), "1234 5678", "12345678")]
    [InlineData(nameof(IdFormat.OpenLicenseNumber), "12345679", "12345679")]
    public void Parse_Digits_WhenWellFormed_AcceptsThemUnverifiedWhateverTheirCheckDigit(
        string formatName, string input, string expected)
    {
        var format = FormatNamed(formatName);

        var result = format.Parse(input);

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(IdOrigin.Unverified, result.Origin);
        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public void Parse_Digits_WhenALetterIsTyped_NamesItsPosition()
    {
        var result = IdFormat.AgreementNumber.Parse("12B4567", "Enrollment number");

        Assert.Equal(IdErrorKind.InvalidCharacter, result.Error?.Kind);
        Assert.Null(result.Error!.Group);
        Assert.Equal(3, result.Error.Position);
        Assert.Equal("The Enrollment number contains 'B' at position 3; it is made of digits only.", result.Error.Message);
    }

    [Theory]
    [InlineData(nameof(IdFormat.AgreementNumber), "123456", "Agreement number", "The Agreement number has 6 digits; it needs 7.")]
    [InlineData(nameof(IdFormat.AgreementNumber), "12345678", "Enrollment number", "The Enrollment number has 8 digits; it needs 7.")]
    [InlineData(nameof(IdFormat.OpenLicenseNumber), "1234567", "License number", "The License number has 7 digits; it needs 8.")]
    public void Parse_Digits_WhenTheLengthIsWrong_SaysHowManyDigitsItNeeds(
        string formatName, string input, string label, string message)
    {
        var result = FormatNamed(formatName).Parse(input, label);

        Assert.Equal(IdErrorKind.WrongLength, result.Error?.Kind);
        Assert.Equal(message, result.Error!.Message);
    }

    [Fact]
    public void Parse_WithoutALabel_NamesTheIdAsPeopleCallIt()
    {
        Assert.Equal("Enter the license key pack ID.", IdFormat.KeyPackId.Parse(null).Error?.Message);
        Assert.Equal("Enter the License Server ID.", IdFormat.LicenseServerId.Parse(" ").Error?.Message);
        Assert.Equal("Enter the agreement number.", IdFormat.AgreementNumber.Parse(string.Empty).Error?.Message);
    }

    [Fact]
    public void ShapeDescription_SaysHowTheIdLooks()
    {
        Assert.Equal("35 letters or digits, 7 groups of 5", IdFormat.KeyPackId.ShapeDescription);
        Assert.Equal("25 letters or digits, 5 groups of 5", IdFormat.RetailLicenseCode.ShapeDescription);
        Assert.Equal("7 digits", IdFormat.AgreementNumber.ShapeDescription);
        Assert.Equal("8 digits", IdFormat.OpenLicenseNumber.ShapeDescription);
    }

    private static IdFormat FormatNamed(string name) => name switch
    {
        nameof(IdFormat.KeyPackId) => IdFormat.KeyPackId,
        nameof(IdFormat.LicenseServerId) => IdFormat.LicenseServerId,
        nameof(IdFormat.RetailLicenseCode) => IdFormat.RetailLicenseCode,
        nameof(IdFormat.OpenLicenseAuthorizationNumber) => IdFormat.OpenLicenseAuthorizationNumber,
        nameof(IdFormat.OpenLicenseNumber) => IdFormat.OpenLicenseNumber,
        nameof(IdFormat.AgreementNumber) => IdFormat.AgreementNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such ID format."),
    };

    // Checked without Assert so that a loop over millions of cases stays fast; null when the refusal is as expected.
    private static string? DescribeUnexpected(IdFormat format, IdParseResult result, int group, string messageStart)
    {
        if (result.Error is not { } error)
        {
            return $"accepted as {result.Origin}";
        }

        if (error.Kind != IdErrorKind.CheckFailed)
        {
            return $"refused as {error.Kind}";
        }

        if (error.Group != group)
        {
            return $"named group {error.Group}, expected {group}";
        }

        if (!error.Message.StartsWith(messageStart, StringComparison.Ordinal))
        {
            return $"message is not \"{messageStart} …\": {error.Message}";
        }

        // Only an ID that may come from elsewhere keeps its value, for the caller to judge.
        return (result.Origin, result.Value) switch
        {
            (IdOrigin.ChecksFailed, not null) when !format.IssuedHereOnly && result.FailedGroups.Contains(group) => null,
            (IdOrigin.Unverified, null) when format.IssuedHereOnly => null,
            _ => $"origin {result.Origin}, value {result.Value ?? "(none)"}",
        };
    }
}

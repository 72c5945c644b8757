using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Localization;

namespace Clearinghouse.Tests.Licensing;

public sealed class ReadBackTests
{
    // Seven groups whose data characters are known, each closed by its check character: an ID as issued here.
    private static readonly string KeyPackId = string.Concat(
        new[] { "BCDF", "HJKM", "QRTV", "XY23", "4678", "9BCD", "FGHJ" }.Select(data => data + GroupCheck.CheckCharacterFor(data)));

    private static string Group(int number) => KeyPackId.Substring((number - 1) * 5, 5);

    public static TheoryData<string> Languages => [.. SiteCultures.Supported.Select(s => s.Culture.Name)];

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryLetterAndDigit_HasASpellingWord_DistinctInItsLanguage(string language) =>
        SiteLanguage.In(language, () =>
        {
            var characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            Assert.Equal(characters.Order(), ReadBack.SpelledCharacters.Order());
            var words = characters.Select(ReadBack.WordFor).ToList();
            Assert.All(words, word => Assert.False(string.IsNullOrWhiteSpace(word)));
            Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
            Assert.All(GroupCheck.Alphabet, c => Assert.Contains(ReadBack.WordFor(c), ReadBack.Spell(c).Spelled, StringComparison.Ordinal));
            return true;
        });

    [Theory]
    [InlineData("en", 'B', "B as in Bravo")]
    [InlineData("en", '2', "2 as in Two")]
    [InlineData("en", 'x', "X as in X-ray")]
    [InlineData("de", 'C', "C wie Cäsar")]
    [InlineData("de", '2', "2 wie Zwo")]
    [InlineData("ja", 'B', "ブラボーの B")]
    [InlineData("ja", '7', "ナナの 7")]
    public void Spell_SaysTheCharacterAndItsWord(string language, char character, string expected) =>
        Assert.Equal(expected, SiteLanguage.In(language, () => ReadBack.Spell(character).Spelled));

    [Fact]
    public void WordFor_ACharacterThatIsNotALetterOrDigit_IsAnError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadBack.WordFor('-'));

    [Fact]
    public void Groups_OfAKeyPackId_AreSevenGroupsOfFive_EachCharacterSpelled()
    {
        var groups = SiteLanguage.In("en", () => ReadBack.Groups(IdFormat.KeyPackId, IdFormat.KeyPackId.Format(KeyPackId)));

        Assert.Equal(7, groups.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], groups.Select(g => g.Number));
        Assert.Equal(KeyPackId, string.Concat(groups.Select(g => g.Characters)));
        Assert.All(groups, g => Assert.Equal(5, g.Spoken.Count));
        Assert.StartsWith("B as in Bravo, C as in Charlie, D as in Delta, F as in Foxtrot, ", groups[0].Spelled, StringComparison.Ordinal);
        Assert.StartsWith("X as in X-ray, Y as in Yankee, 2 as in Two, 3 as in Three, ", groups[3].Spelled, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_OfAnAgreementNumber_IsOneGroup() =>
        Assert.Equal("1234567", Assert.Single(ReadBack.Groups(IdFormat.AgreementNumber, "1234567")).Characters);

    [Theory]
    [InlineData("bcd fg-hj km", "BCDFGHJKM")]
    [InlineData("  B C D F G  ", "BCDFG")]
    [InlineData("bcdfg\u2013hjkmp", "BCDFGHJKMP")]
    [InlineData("ＢＣＤ　ＦＧ－２３", "BCDFG23")]
    [InlineData(null, "")]
    public void Normalize_TakesADictationInAnyGrouping(string? dictation, string expected) =>
        Assert.Equal(expected, ReadBack.Normalize(dictation));

    [Fact]
    public void ParseDictation_InAnyGrouping_ReadsTheId()
    {
        var dictated = $"{KeyPackId[..4].ToLowerInvariant()} {KeyPackId[4..10]}-{KeyPackId[10..13]}  {KeyPackId[13..]}";

        var parsed = ReadBack.ParseDictation(IdFormat.KeyPackId, dictated);

        Assert.True(parsed.IsValid, parsed.Error?.Message);
        Assert.Equal(KeyPackId, parsed.Value);
    }

    [Fact]
    public void ParseDictation_WithAMistypedCharacter_NamesItsGroup()
    {
        var dictated = KeyPackId[..15] + "YX" + KeyPackId[17..];

        var parsed = ReadBack.ParseDictation(IdFormat.KeyPackId, dictated);

        Assert.False(parsed.IsValid);
        Assert.Equal(4, parsed.Error!.Group);
    }

    [Fact]
    public void CheckGroup_TheSameGroup_InAnyCaseAndSpacing_Matches()
    {
        var result = SiteLanguage.In("en", () => ReadBack.CheckGroup(IdFormat.KeyPackId, KeyPackId, 4, $"{Group(4)[..2].ToLowerInvariant()} {Group(4)[2..]}"));

        Assert.Equal(GroupReadBackStatus.Matches, result.Status);
        Assert.True(result.Matches);
        Assert.Equal("Group 4 matches.", result.Message);
    }

    /// <summary>Every group of many issued IDs, every character replaced by every other: each one is caught as a mistake.</summary>
    [Fact]
    public void CheckGroup_EveryOneCharacterMistake_FailsTheCheck()
    {
        using var random = new SeededRandomNumberGenerator(8);
        for (var n = 0; n < 20; n++)
        {
            var issued = IdFormat.KeyPackId.Generate(random);
            for (var group = 1; group <= 7; group++)
            {
                var original = issued.Substring((group - 1) * 5, 5);
                for (var position = 0; position < 5; position++)
                {
                    foreach (var wrong in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".Where(c => c != original[position]))
                    {
                        var heard = original.Remove(position, 1).Insert(position, wrong.ToString());

                        var result = ReadBack.CheckGroup(IdFormat.KeyPackId, issued, group, heard);

                        Assert.Equal(GroupReadBackStatus.FailsCheck, result.Status);
                        Assert.Equal([position + 1], result.DifferingPositions);
                    }
                }
            }
        }
    }

    [Fact]
    public void CheckGroup_EveryAdjacentTransposition_FailsTheCheck()
    {
        using var random = new SeededRandomNumberGenerator(88);
        for (var n = 0; n < 50; n++)
        {
            var issued = IdFormat.KeyPackId.Generate(random);
            for (var group = 1; group <= 7; group++)
            {
                var original = issued.Substring((group - 1) * 5, 5);
                for (var position = 0; position < 4; position++)
                {
                    if (original[position] == original[position + 1])
                    {
                        continue;
                    }

                    var swapped = original.ToCharArray();
                    (swapped[position], swapped[position + 1]) = (swapped[position + 1], swapped[position]);

                    var result = ReadBack.CheckGroup(IdFormat.KeyPackId, issued, group, new string(swapped));

                    Assert.Equal(GroupReadBackStatus.FailsCheck, result.Status);
                    Assert.Equal([position + 1, position + 2], result.DifferingPositions);
                }
            }
        }
    }

    [Fact]
    public void CheckGroup_AnotherValidGroup_IsSaidToBeAnotherGroupNotAMistake()
    {
        var result = SiteLanguage.In("en", () => ReadBack.CheckGroup(IdFormat.KeyPackId, KeyPackId, 1, Group(2)));

        Assert.Equal(GroupReadBackStatus.OtherValidGroup, result.Status);
        Assert.Equal("Group 1 as read back is a valid group, but not group 1 of this license key pack ID: the caller may be reading another group or another ID.",
            result.Message);
    }

    [Fact]
    public void CheckGroup_OfAnIdFromElsewhere_CanOnlySayItDiffers()
    {
        var foreign = "ABCDE" + KeyPackId[5..];

        var result = ReadBack.CheckGroup(IdFormat.LicenseServerId, foreign, 1, "ABCDF");

        Assert.Equal(GroupReadBackStatus.Differs, result.Status);
        Assert.Equal([5], result.DifferingPositions);
        Assert.True(ReadBack.CheckGroup(IdFormat.LicenseServerId, foreign, 1, "abcde").Matches);
    }

    [Theory]
    [InlineData("BCDF", 4, "Group 2 as read back has 4 characters; each group has 5.")]
    [InlineData("B", 1, "Group 2 as read back has 1 character; each group has 5.")]
    [InlineData("BCDFGH", 6, "Group 2 as read back has 6 characters; each group has 5.")]
    public void CheckGroup_OfTheWrongLength_SaysSo(string heard, int length, string message)
    {
        var result = SiteLanguage.In("en", () => ReadBack.CheckGroup(IdFormat.KeyPackId, KeyPackId, 2, heard));

        Assert.Equal(GroupReadBackStatus.WrongLength, result.Status);
        Assert.Equal(length, result.ReadBack.Length);
        Assert.Equal(message, result.Message);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void CheckGroup_Messages_AreInEveryLanguage(string language) =>
        SiteLanguage.In(language, () =>
        {
            Assert.All(
                new[] { Group(4), "YX" + Group(4)[2..], Group(2), "XY", "X" }.Select(heard => ReadBack.CheckGroup(IdFormat.KeyPackId, KeyPackId, 4, heard).Message)
                    .Append(ReadBack.CheckGroup(IdFormat.LicenseServerId, "A" + KeyPackId[1..], 1, "ACDFH").Message),
                message => Assert.False(string.IsNullOrWhiteSpace(message)));
            return true;
        });

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void CheckGroup_OfAGroupTheFormatDoesNotHave_IsAnError(int group) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReadBack.CheckGroup(IdFormat.KeyPackId, KeyPackId, group, "BCDFG"));

    [Fact]
    public void ConfirmationCode_IsFiveGroupsOfFive_IssuedHereOnly_AndATypoIsCaught()
    {
        using var random = new SeededRandomNumberGenerator(5);
        var code = IdFormat.ConfirmationCode.Generate(random);

        Assert.Equal(25, code.Length);
        Assert.True(IdFormat.ConfirmationCode.IssuedHereOnly);
        Assert.True(TelephoneDeactivation.Verify(IdFormat.ConfirmationCode.Format(code).ToLowerInvariant()).IsValid);
        var typo = code[..12] + (code[12] == 'B' ? 'C' : 'B') + code[13..];
        Assert.Equal(3, TelephoneDeactivation.Verify(typo).Error?.Group);
    }
}

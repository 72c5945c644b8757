using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Licensing;

public sealed class GroupCheckTests
{
    private const string Alphabet = GroupCheck.Alphabet;

    [Fact]
    public void Alphabet_HasTwentyFourDistinctSymbols_WithoutLettersOrDigitsThatAreMisread()
    {
        Assert.Equal(24, Alphabet.Length);
        Assert.Equal(24, Alphabet.Distinct().Count());
        Assert.Equal("BCDFGHJKMPQRTVWXY2346789", Alphabet);
        foreach (var misread in "AEIOULS015")
        {
            Assert.DoesNotContain(misread, Alphabet);
        }
    }

    // Every one of the 24^4 = 331,776 data combinations of a group: its check character closes it, and every
    // single-character substitution and every adjacent transposition of two different characters breaks it.
    [Fact]
    public void IsValid_ForEveryDataCombination_CatchesEverySubstitutionAndAdjacentTransposition()
    {
        var n = Alphabet.Length;
        var checkCharacterCounts = new int[n];
        var group = new char[GroupCheck.Weights];
        var combinations = 0;
        var missed = new List<string>();

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                for (var c = 0; c < n; c++)
                {
                    for (var d = 0; d < n; d++)
                    {
                        group[0] = Alphabet[a];
                        group[1] = Alphabet[b];
                        group[2] = Alphabet[c];
                        group[3] = Alphabet[d];
                        group[4] = GroupCheck.CheckCharacterFor(group.AsSpan(0, 4));
                        checkCharacterCounts[GroupCheck.IndexOf(group[4])]++;
                        combinations++;

                        if (!GroupCheck.IsValid(group))
                        {
                            missed.Add($"{new string(group)} (as issued)");
                            continue;
                        }

                        for (var position = 0; position < group.Length; position++)
                        {
                            var original = group[position];
                            foreach (var other in Alphabet)
                            {
                                if (other == original)
                                {
                                    continue;
                                }

                                group[position] = other;
                                if (GroupCheck.IsValid(group))
                                {
                                    missed.Add($"{new string(group)} (substitution at {position + 1})");
                                }
                            }

                            group[position] = original;
                        }

                        for (var position = 0; position < group.Length - 1; position++)
                        {
                            if (group[position] == group[position + 1])
                            {
                                continue;
                            }

                            (group[position], group[position + 1]) = (group[position + 1], group[position]);
                            if (GroupCheck.IsValid(group))
                            {
                                missed.Add($"{new string(group)} (transposition at {position + 1})");
                            }

                            (group[position], group[position + 1]) = (group[position + 1], group[position]);
                        }
                    }
                }
            }
        }

        Assert.Equal(331_776, combinations);
        Assert.Empty(missed);

        // The check character is a bijective function of the data sum, so each symbol closes exactly 24^3 groups.
        Assert.All(checkCharacterCounts, count => Assert.Equal(n * n * n, count));
    }

    [Fact]
    public void IsValid_WhenAGroupHasACharacterOutsideTheAlphabet_IsFalse()
    {
        foreach (var foreign in "AEIOU015-a\u00E9")
        {
            Assert.False(GroupCheck.IsValid($"BCD{foreign}F"));
            Assert.False(GroupCheck.IsValid($"{foreign}BCDF"));
        }
    }

    [Fact]
    public void CheckCharacterFor_WhenDataIsNotFourCharacters_Throws()
    {
        Assert.Throws<ArgumentException>(() => GroupCheck.CheckCharacterFor("BCD"));
        Assert.Throws<ArgumentException>(() => GroupCheck.CheckCharacterFor("BCDFG"));
    }
}

using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Licensing;

public sealed class DammCheckTests
{
    [Fact]
    public void CheckDigitFor_MatchesDammsPublishedExample()
    {
        // The worked example in Damm's description: 572 takes the check digit 4.
        Assert.Equal('4', DammCheck.CheckDigitFor("572"));
        Assert.True(DammCheck.IsValid("5724"));
        Assert.False(DammCheck.IsValid("5723"));
    }

    // Every 5-digit number followed by its check digit: each single-digit substitution and each adjacent
    // transposition of two different digits fails the check.
    [Fact]
    public void IsValid_ForEveryFiveDigitNumber_CatchesEverySubstitutionAndAdjacentTransposition()
    {
        var digits = new char[6];
        var missed = new List<string>();

        for (var n = 0; n < 100_000; n++)
        {
            n.ToString("D5", System.Globalization.CultureInfo.InvariantCulture).CopyTo(digits);
            digits[5] = DammCheck.CheckDigitFor(digits.AsSpan(0, 5));
            if (!DammCheck.IsValid(digits))
            {
                missed.Add($"{new string(digits)} (as generated)");
                continue;
            }

            for (var i = 0; i < digits.Length; i++)
            {
                var original = digits[i];
                for (var d = '0'; d <= '9'; d++)
                {
                    if (d == original)
                    {
                        continue;
                    }

                    digits[i] = d;
                    if (DammCheck.IsValid(digits))
                    {
                        missed.Add($"{new string(digits)} (substitution at {i + 1})");
                    }
                }

                digits[i] = original;
            }

            for (var i = 0; i < digits.Length - 1; i++)
            {
                if (digits[i] == digits[i + 1])
                {
                    continue;
                }

                (digits[i], digits[i + 1]) = (digits[i + 1], digits[i]);
                if (DammCheck.IsValid(digits))
                {
                    missed.Add($"{new string(digits)} (transposition at {i + 1})");
                }

                (digits[i], digits[i + 1]) = (digits[i + 1], digits[i]);
            }
        }

        Assert.Empty(missed.Take(10));
    }
}

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// The check character that closes every group of an ID this clearinghouse issues.
/// </summary>
/// <remarks>
/// A weighted sum modulo 24 cannot catch every adjacent transposition (24 is even), so the 24 symbols are read as
/// elements of the group GF(8) × Z3 instead, and a group of symbols x0..x4 is valid when
/// σ⁰(x0) + σ¹(x1) + σ²(x2) + σ³(x3) + σ⁴(x4) = 0, where σ(u, v) = (α·u, 2v) is an automorphism with σ − id also
/// bijective. Then a substitution changes the sum by σⁱ(a − b) ≠ 0 and an adjacent transposition by
/// σⁱ((σ − id)(b − a)) ≠ 0, so both are always caught. A transposition across two groups is a substitution in each of
/// them, so both groups fail. See docs/decisions/0002-id-check-characters.md.
/// </remarks>
internal static class GroupCheck
{
    public const string Alphabet = "BCDFGHJKMPQRTVWXY2346789";

    public const int Weights = 5;

    private static readonly int[] IndexOfChar = BuildIndex();

    // Weighted[i][k] is the symbol index of σⁱ(symbol k).
    private static readonly int[][] Weighted = BuildWeights();

    public static int IndexOf(char c) => c < IndexOfChar.Length ? IndexOfChar[c] : -1;

    public static bool IsValid(ReadOnlySpan<char> group)
    {
        var sum = 0;
        for (var i = 0; i < group.Length; i++)
        {
            var k = IndexOf(group[i]);
            if (k < 0)
            {
                return false;
            }

            sum = Add(sum, Weighted[i % Weights][k]);
        }

        return sum == 0;
    }

    /// <summary>The character that makes <paramref name="data"/> followed by it a valid group.</summary>
    public static char CheckCharacterFor(ReadOnlySpan<char> data)
    {
        if (data.Length != Weights - 1)
        {
            throw new ArgumentException($"A group carries {Weights - 1} data characters.", nameof(data));
        }

        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            sum = Add(sum, Weighted[i][IndexOf(data[i])]);
        }

        var needed = Negate(sum);
        for (var k = 0; k < Alphabet.Length; k++)
        {
            if (Weighted[Weights - 1][k] == needed)
            {
                return Alphabet[k];
            }
        }

        throw new InvalidOperationException("σ⁴ is a permutation, so some symbol always closes the group.");
    }

    // Symbol index k stands for (u, v) = (k / 3, k % 3), u in GF(8) as a 3-bit polynomial, v in Z3.
    private static int Add(int a, int b) => Compose((a / 3) ^ (b / 3), ((a % 3) + (b % 3)) % 3);

    // In GF(8) every element is its own negative.
    private static int Negate(int a) => Compose(a / 3, (3 - (a % 3)) % 3);

    private static int Sigma(int a) => Compose(TimesAlpha(a / 3), 2 * (a % 3) % 3);

    // Multiplication by α in GF(8) = GF(2)[x] / (x³ + x + 1).
    private static int TimesAlpha(int u)
    {
        var shifted = u << 1;
        return (shifted & 0b1000) != 0 ? shifted ^ 0b1011 : shifted;
    }

    private static int Compose(int u, int v) => (u * 3) + v;

    private static int[] BuildIndex()
    {
        var index = new int[128];
        Array.Fill(index, -1);
        for (var k = 0; k < Alphabet.Length; k++)
        {
            index[Alphabet[k]] = k;
        }

        return index;
    }

    private static int[][] BuildWeights()
    {
        var weights = new int[Weights][];
        for (var i = 0; i < Weights; i++)
        {
            weights[i] = new int[Alphabet.Length];
            for (var k = 0; k < Alphabet.Length; k++)
            {
                weights[i][k] = i == 0 ? k : Sigma(weights[i - 1][k]);
            }
        }

        return weights;
    }
}

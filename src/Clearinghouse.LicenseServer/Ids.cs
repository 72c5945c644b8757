using System.Globalization;

namespace Clearinghouse.LicenseServer;

/// <summary>
/// The shape of the IDs the simulator sends, checked before calling so a typo is a usage error (exit 2) rather than
/// a round trip. Only the shape: whether an ID checks out, and whose it is, is the clearinghouse's to say (the web
/// project's IdFormat carries its localized texts and so the web stack; this is the few lines a client needs).
/// </summary>
public sealed class IdShape
{
    public static readonly IdShape LicenseServerId = new("License Server ID", 7, 5);

    public static readonly IdShape KeyPackId = new("license key pack ID", 7, 5);

    public static readonly IdShape ProductId = new("Product ID", 4, 5);

    public static readonly IdShape LicenseCode = new("retail license code", 5, 5);

    public static readonly IdShape AuthorizationNumber = new("Open License authorization number", 3, 5);

    public static readonly IdShape OpenLicenseNumber = new("Open License number", 1, 8, digitsOnly: true);

    public static readonly IdShape AgreementNumber = new("agreement number", 1, 7, digitsOnly: true);

    private IdShape(string name, int groupCount, int groupLength, bool digitsOnly = false)
    {
        DigitsOnly = digitsOnly;
        Name = name;
        GroupCount = groupCount;
        GroupLength = groupLength;
    }

    public string Name { get; }

    public bool DigitsOnly { get; }

    public int GroupCount { get; }

    public int GroupLength { get; }

    public int Length => GroupCount * GroupLength;

    /// <summary>The canonical value (upper case, no separators), or a <see cref="SimulatorException"/> saying what is wrong.</summary>
    public string Parse(string? input)
    {
        var value = string.Concat((input ?? string.Empty).Where(c => c is not ('-' or ' ' or '\u2010' or '\u2013'))).ToUpperInvariant();
        if (value.Length == 0)
        {
            throw SimulatorException.BadInput(string.Create(CultureInfo.InvariantCulture, $"The {Name} is empty: enter its {Length} {Kind}."));
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (DigitsOnly ? !char.IsAsciiDigit(value[i]) : !char.IsAsciiLetterOrDigit(value[i]))
            {
                throw SimulatorException.BadInput(string.Create(CultureInfo.InvariantCulture,
                    $"The {Name} has '{value[i]}' at character {i + 1}: only {Kind} are allowed (hyphens and spaces are ignored)."));
            }
        }

        if (value.Length != Length)
        {
            var groups = GroupCount > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({GroupCount} groups of {GroupLength})") : string.Empty;
            throw SimulatorException.BadInput(string.Create(CultureInfo.InvariantCulture,
                $"The {Name} has {value.Length} {Kind}; it has {Length}{groups}."));
        }

        return value;
    }

    private string Kind => DigitsOnly ? "digits" : "letters or digits";

    /// <summary>Shown in groups joined by hyphens, as the clearinghouse shows it.</summary>
    public string Format(string canonical) =>
        string.Join('-', Enumerable.Range(0, canonical.Length / GroupLength).Select(g => canonical.Substring(g * GroupLength, GroupLength)));
}

using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.Console;

/// <summary>What the caller read back of one group: the form of <c>_ReadBack</c> binds it.</summary>
public sealed record ReadBackInput
{
    /// <summary>1-based group.</summary>
    public int Group { get; init; } = 1;

    public string? Characters { get; init; }
}

/// <summary>
/// An issued ID read out over the telephone (<c>_ReadBack.cshtml</c>): its groups, each spelled, and the form that
/// re-checks a group the caller reads back, with the result of the last check.
/// </summary>
/// <param name="Value">The ID, canonical.</param>
/// <param name="Label">What the ID is, e.g. "License key pack ID".</param>
/// <param name="Handler">The page handler the check form posts to.</param>
/// <param name="Hidden">Fields the form carries back to its page (e.g. an ID that is stored nowhere).</param>
public sealed record ReadBackView(
    IdFormat Format,
    string Value,
    string Label,
    string Handler = "ReadBack",
    ReadBackInput? Input = null,
    GroupReadBack? Result = null,
    IReadOnlyDictionary<string, string>? Hidden = null)
{
    public IReadOnlyList<SpokenGroup> Groups => ReadBack.Groups(Format, Value);

    /// <summary>The error about the read-back field, when there was nothing to check.</summary>
    public FieldError? Error { get; init; }

    /// <summary>
    /// Checks <paramref name="input"/> against <paramref name="value"/>: the result, or a field error when the group
    /// number is not one of the ID's or nothing was read back.
    /// </summary>
    public static ReadBackView Checked(IdFormat format, string value, string label, ReadBackInput input, string handler = "ReadBack",
        IReadOnlyDictionary<string, string>? hidden = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(input);
        var view = new ReadBackView(format, value, label, handler, input, Hidden: hidden);
        if (input.Group < 1 || input.Group > format.GroupCount)
        {
            return view with { Input = input with { Group = 1 }, Error = new FieldError("Heard.Group", Texts.Get("Console.ReadBack.NoSuchGroup", format.GroupCount), "#Heard_Group") };
        }

        if (ReadBack.Normalize(input.Characters).Length == 0)
        {
            return view with { Error = new FieldError("Heard.Characters", Texts.Get("Console.ReadBack.Empty", input.Group), "#Heard_Characters") };
        }

        return view with { Result = ReadBack.CheckGroup(format, value, input.Group, input.Characters) };
    }
}

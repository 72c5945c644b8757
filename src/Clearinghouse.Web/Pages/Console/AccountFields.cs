using Clearinghouse.Web.Pages.Shared;

namespace Clearinghouse.Web.Pages.Console;

/// <summary>What _AccountFields shows: the input under its prefix and the errors about it.</summary>
public sealed record AccountFields(string Prefix, AccountInput Input, IReadOnlyList<FieldError> Errors)
{
    public string? Error(string field)
    {
        var messages = Errors.Where(e => e.Field == $"{Prefix}.{field}").Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }
}

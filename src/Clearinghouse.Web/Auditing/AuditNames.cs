using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Auditing;

/// <summary>An action's name in the reader's language.</summary>
public static class AuditNames
{
    public static string Of(string action) => Texts.Get($"Audit.Action.{action}");
}

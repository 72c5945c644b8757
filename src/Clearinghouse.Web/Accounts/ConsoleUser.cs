using Microsoft.AspNetCore.Identity;

namespace Clearinghouse.Web.Accounts;

/// <summary>A console account: Identity's user with the name shown to colleagues and whether it is disabled.</summary>
public sealed class ConsoleUser : IdentityUser
{
    /// <summary>How the account is shown in lists and the audit trail ("Ada Okafor").</summary>
    public string DisplayName { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Set while an administrator has disabled the account: it cannot sign in, and a session it holds ends on its next
    /// request (the security stamp changes with it). Kept apart from lockout, which ends by itself.
    /// </summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;
}

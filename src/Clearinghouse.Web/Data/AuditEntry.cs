namespace Clearinghouse.Web.Data;

/// <summary>
/// One line of the audit trail: who did what to which subject, when and from where. Rows are only ever added (see
/// <see cref="Auditing.AuditLog"/>); <see cref="ClearinghouseDbContext"/> refuses to save a change or removal of one.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in account's ID, when an account did it.</summary>
    public string? ActorUserId { get; set; }

    /// <summary>The account's e-mail address, or "web", "api" or "system" when no account did it.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>A stable code from <see cref="Auditing.AuditActions"/>.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>What it was done to: a License Server ID, a key pack ID, an account's e-mail address.</summary>
    public string? Subject { get; set; }

    /// <summary>A line of facts in English, for the administrator reading the trail.</summary>
    public string? Details { get; set; }

    public string? ClientAddress { get; set; }
}

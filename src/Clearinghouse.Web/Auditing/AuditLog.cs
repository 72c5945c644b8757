using System.Security.Claims;
using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Auditing;

/// <summary>The audit trail's action codes: stable, filterable, written once here.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInLockedOut = "sign-in-locked-out";
    public const string SignInRefusedDisabled = "sign-in-refused-disabled";
    public const string SignOut = "sign-out";
    public const string AdministratorCreated = "administrator-created";
    public const string AccountSeeded = "account-seeded";
    public const string AccountCreated = "account-created";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    public const string PasswordReset = "password-reset";
    public const string KeyPackIssued = "key-pack-issued";
    public const string KeyPackMigrated = "key-pack-migrated";
    public const string KeyPackInstalled = "key-pack-installed";
    public const string ServerActivated = "server-activated";
    public const string ServerReactivated = "server-reactivated";
    public const string ServerDeactivated = "server-deactivated";
    public const string LabReset = "lab-reset";
    public const string LabModeChanged = "lab-mode-changed";
    public const string LabIdSeedChanged = "lab-id-seed-changed";
    public const string LabFaultsChanged = "lab-faults-changed";
    public const string PhoneNumberChanged = "phone-number-changed";
    public const string LabApiKeyCreated = "lab-api-key-created";
    public const string LabApiKeyRevoked = "lab-api-key-revoked";

    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInFailed, SignInLockedOut, SignInRefusedDisabled, SignOut, AdministratorCreated, AccountSeeded,
        AccountCreated, AccountDisabled, AccountEnabled, PasswordReset, KeyPackIssued, KeyPackMigrated, KeyPackInstalled,
        ServerActivated, ServerReactivated, ServerDeactivated, LabReset, LabModeChanged, LabIdSeedChanged, LabFaultsChanged,
        PhoneNumberChanged, LabApiKeyCreated, LabApiKeyRevoked,
    ];
}

/// <summary>
/// Adds entries to the audit trail. <see cref="Add"/> only stages the entry on the request's DbContext: the caller's
/// own SaveChanges writes it in the same transaction as the change it records, so the two cannot disagree (a change
/// that fails or is retried takes its entry with it). There is nothing here to change or remove an entry.
/// </summary>
/// <remarks>
/// Who did it is read from the request, when there is one: the signed-in account, else "api" for the license-server
/// API and "web" for the public site; "system" outside any request (start-up seeding, tools). Licensing code calls
/// this without knowing about HTTP.
/// </remarks>
public sealed class AuditLog(ClearinghouseDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public const string Web = "web";
    public const string Api = "api";
    public const string System = "system";

    public void Add(string action, string? subject, string? details = null, string? actor = null, string? actorUserId = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        if (actor is null && user?.Identity?.IsAuthenticated == true)
        {
            actor = user.FindFirstValue(ClaimTypes.Name);
            actorUserId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        }

        actor ??= context is null ? System
            : context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? Api : Web;
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = Clip(actor, FieldLengths.AuditSubject)!,
            ActorUserId = actorUserId,
            Action = action,
            Subject = Clip(subject, FieldLengths.AuditSubject),
            Details = Clip(details, FieldLengths.AuditDetails),
            ClientAddress = Clip(context?.Connection.RemoteIpAddress?.ToString(), FieldLengths.ClientAddress),
        });
    }

    /// <summary>Adds an entry and saves it on its own: for events that change nothing else (a failed sign-in).</summary>
    public async Task WriteAsync(string action, string? subject, string? details = null, string? actor = null,
        string? actorUserId = null, CancellationToken cancellationToken = default)
    {
        Add(action, subject, details, actor, actorUserId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

public enum DeactivationOutcome
{
    /// <summary>Deactivated now.</summary>
    Deactivated,

    /// <summary>No license server with this ID.</summary>
    NotFound,

    /// <summary>It was reactivated: this ID was replaced and is no longer accepted.</summary>
    Reactivated,

    /// <summary>It was deactivated before.</summary>
    AlreadyDeactivated,
}

/// <param name="KeyPacks">The key packs left bound to it (not migrated away), when <see cref="DeactivationOutcome.Deactivated"/>.</param>
public sealed record DeactivationResult(DeactivationOutcome Outcome, LicenseServer? Server, IReadOnlyList<KeyPack> KeyPacks);

/// <summary>
/// Deactivates a license server (the automatic method; the telephone one issues a confirmation code): from then on its
/// License Server ID is refused by the site's flows, key pack installations and the API alike (see
/// <see cref="LicensingRules"/>). Its key packs stay bound to it; the answer lists them, so whoever deactivates knows
/// which CALs to move with Manage CALs.
/// </summary>
public sealed class ServerDeactivation(ClearinghouseDbContext db, TimeProvider clock, AuditLog audit)
{
    private const int MaxAttempts = 5;

    /// <param name="licenseServerId">Canonical License Server ID.</param>
    /// <param name="confirmationCode">
    /// The code a representative reads out to a caller (telephone method), stored with the deactivation; null through
    /// the API.
    /// </param>
    /// <remarks>
    /// Saved only if the server's version is still the one read: a reactivation, an issuance or another deactivation
    /// that saved it in between makes this read it again and decide on what it holds then.
    /// </remarks>
    public async Task<DeactivationResult> DeactivateAsync(
        string licenseServerId, string? confirmationCode = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = await db.LicenseServers.SingleOrDefaultAsync(s => s.Id == licenseServerId, cancellationToken);
            if (server is null)
            {
                return new DeactivationResult(DeactivationOutcome.NotFound, null, []);
            }

            if (server.ReplacedById is not null)
            {
                return new DeactivationResult(DeactivationOutcome.Reactivated, server, []);
            }

            if (server.DeactivatedAt is not null)
            {
                return new DeactivationResult(DeactivationOutcome.AlreadyDeactivated, server, []);
            }

            server.DeactivatedAt = clock.GetUtcNow();
            server.DeactivationConfirmationCode = confirmationCode;
            audit.Add(AuditActions.ServerDeactivated, server.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            var keyPacks = await db.KeyPacks.AsNoTracking().Include(k => k.Installation)
                .Where(k => k.LicenseServerId == licenseServerId && k.MigratedToKeyPackId == null)
                .OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
                .ToListAsync(cancellationToken);
            return new DeactivationResult(DeactivationOutcome.Deactivated, server, keyPacks);
        }
    }
}

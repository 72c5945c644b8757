using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

public enum InstallOutcome
{
    /// <summary>Installed now, or installed earlier by the same server (installing is idempotent).</summary>
    Installed,
    NotFound,
    IssuedToAnotherServer,

    /// <summary>The submitting server's ID was replaced when the server was reactivated; it is no longer accepted.</summary>
    ServerReactivated,

    /// <summary>The submitting server was deactivated; its ID is no longer accepted.</summary>
    ServerDeactivated,

    /// <summary>The key pack's CALs are of a newer version than the server accepts (known from its activation).</summary>
    VersionNewerThanServer,

    /// <summary>
    /// The key pack's CALs were migrated to another license server (<see cref="KeyPack.MigratedToKeyPackId"/>): it holds
    /// none, so installing it would give the server CALs that count nowhere.
    /// </summary>
    Migrated,
}

/// <param name="KeyPack">The key pack, when one was found.</param>
/// <param name="ServerProductVersionCode">
/// The newest CAL version the submitting server accepts, when <see cref="InstallOutcome.VersionNewerThanServer"/>.
/// </param>
public sealed record InstallResult(InstallOutcome Outcome, KeyPack? KeyPack, string? ServerProductVersionCode = null);

/// <summary>Installs a key pack on the license server that submits its ID (the web and telephone methods).</summary>
public sealed class KeyPackInstaller(ClearinghouseDbContext db, TimeProvider clock, AuditLog audit, ClearinghouseMetrics metrics)
{
    private const int MaxAttempts = 5;

    /// <param name="licenseServerId">Canonical License Server ID of the submitting server.</param>
    /// <param name="keyPackId">Canonical license key pack ID.</param>
    /// <remarks>
    /// The installation is saved with the key pack's version moving on, and only if that version is still the one
    /// read: a reactivation that moved the key pack to the server's new ID in between, or a migration that moved its
    /// CALs, makes the save fail, and the submission is answered from what the database holds then (the old ID is no
    /// longer accepted; a migrated key pack is refused).
    /// </remarks>
    public async Task<InstallResult> InstallAsync(
        string licenseServerId, string keyPackId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = await db.LicenseServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == licenseServerId, cancellationToken);
            if (server?.ReplacedById is not null)
            {
                return new InstallResult(InstallOutcome.ServerReactivated, null);
            }

            if (server?.DeactivatedAt is not null)
            {
                return new InstallResult(InstallOutcome.ServerDeactivated, null);
            }

            var keyPack = await db.KeyPacks.Include(k => k.Installation)
                .SingleOrDefaultAsync(k => k.Id == keyPackId, cancellationToken);
            if (keyPack is null)
            {
                return new InstallResult(InstallOutcome.NotFound, null);
            }

            if (keyPack.LicenseServerId != licenseServerId ||
                keyPack.Installation is { } other && other.LicenseServerId != licenseServerId)
            {
                return new InstallResult(InstallOutcome.IssuedToAnotherServer, keyPack);
            }

            // Before the idempotent answer: once migrated, a key pack installed earlier holds no CALs either, and saying
            // it is installed would tell the server it still has them.
            if (keyPack.MigratedToKeyPackId is not null)
            {
                return new InstallResult(InstallOutcome.Migrated, keyPack);
            }

            if (keyPack.Installation is not null)
            {
                return new InstallResult(InstallOutcome.Installed, keyPack);
            }

            // A license server accepts CALs of its own version or older (issuing refuses newer ones; a key pack issued
            // before the server's version was known may still be).
            if (Catalogue.IsNewerThan(keyPack.ProductVersionCode, server?.ProductVersionCode))
            {
                return new InstallResult(InstallOutcome.VersionNewerThanServer, keyPack, server!.ProductVersionCode);
            }

            keyPack.Installation = new KeyPackInstallation
            {
                KeyPackId = keyPack.Id,
                LicenseServerId = licenseServerId,
                InstalledAt = clock.GetUtcNow(),
            };
            Concurrency.Touch(db, keyPack);
            audit.Add(AuditActions.KeyPackInstalled, keyPack.Id, $"server {licenseServerId}");

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                metrics.KeyPackInstalled(keyPack);
                return new InstallResult(InstallOutcome.Installed, keyPack);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // The key pack was saved since it was read: installed by a simultaneous submission, moved to the
                // server's new ID by a reactivation, or marked migrated (refused on the next read). Read it again.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                // A simultaneous submission inserted the installation first (the key is the key pack): read its answer.
                db.ChangeTracker.Clear();
            }
        }
    }
}

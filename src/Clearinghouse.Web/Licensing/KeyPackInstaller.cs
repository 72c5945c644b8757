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
    public Task<InstallResult> InstallAsync(
        string licenseServerId, string keyPackId, CancellationToken cancellationToken = default) =>
        InstallAsync(licenseServerId, keyPackId, readEarlier: null, cancellationToken);

    /// <param name="licenseServerId">Canonical License Server ID of the submitting server.</param>
    /// <param name="keyPackId">Canonical license key pack ID.</param>
    /// <param name="readEarlier">
    /// The submitting server as this request already read it (the credential check reads it), or null. It stands in
    /// for the first read of the server, which saves a round trip on the common answer — the key pack installed, now or
    /// before. Any other answer is decided on a fresh read: a reactivation moves the key pack to the new ID in one
    /// transaction, so a key pack still bound to this server means it was not reactivated when the key pack was read.
    /// </param>
    public async Task<InstallResult> InstallAsync(
        string licenseServerId, string keyPackId, ServerRead? readEarlier, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reused = attempt == 1 && readEarlier is not null && readEarlier.Server?.Id == licenseServerId;
            var server = reused
                ? readEarlier!.Server
                : await HotQueries.ServerByIdAsync(db, licenseServerId, cancellationToken);
            var result = await InstallOnceAsync(server, licenseServerId, keyPackId, lastAttempt: attempt >= MaxAttempts, cancellationToken);
            if (result is null)
            {
                // Lost a race with another save of the key pack: read it again.
                db.ChangeTracker.Clear();
                continue;
            }

            if (reused && result.Outcome != InstallOutcome.Installed)
            {
                // A refusal is decided on what the database holds now, not on the earlier read.
                db.ChangeTracker.Clear();
                continue;
            }

            return result;
        }
    }

    /// <summary>One attempt; null when its save lost a race and the key pack must be read again.</summary>
    private async Task<InstallResult?> InstallOnceAsync(
        LicenseServer? server, string licenseServerId, string keyPackId, bool lastAttempt, CancellationToken cancellationToken)
    {
        if (server?.ReplacedById is not null)
        {
            return new InstallResult(InstallOutcome.ServerReactivated, null);
        }

        if (server?.DeactivatedAt is not null)
        {
            return new InstallResult(InstallOutcome.ServerDeactivated, null);
        }

        // Read untracked: a repeat submission, the common one, changes nothing.
        var keyPack = await HotQueries.KeyPackWithInstallationAsync(db, keyPackId, cancellationToken);
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

        // Tracked from here as read, so that the save is guarded by the version read.
        db.KeyPacks.Attach(keyPack);
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
        catch (DbUpdateConcurrencyException) when (!lastAttempt)
        {
            // The key pack was saved since it was read: installed by a simultaneous submission, moved to the
            // server's new ID by a reactivation, or marked migrated (refused on the next read).
            return null;
        }
        catch (DbUpdateException exception) when (!lastAttempt && DatabaseErrors.IsUniqueViolation(exception))
        {
            // A simultaneous submission inserted the installation first (the key is the key pack): read its answer.
            return null;
        }
    }
}

/// <summary>A license server as a request read it earlier (null: no such server).</summary>
public sealed record ServerRead(LicenseServer? Server);

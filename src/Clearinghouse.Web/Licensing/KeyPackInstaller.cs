using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

public enum InstallOutcome
{
    /// <summary>Installed now, or installed earlier by the same server (installing is idempotent).</summary>
    Installed,
    NotFound,
    IssuedToAnotherServer,
}

public sealed record InstallResult(InstallOutcome Outcome, KeyPack? KeyPack);

/// <summary>Installs a key pack on the license server that submits its ID (the web and telephone methods).</summary>
public sealed class KeyPackInstaller(ClearinghouseDbContext db, TimeProvider clock)
{
    /// <param name="licenseServerId">Canonical License Server ID of the submitting server.</param>
    /// <param name="keyPackId">Canonical license key pack ID.</param>
    public async Task<InstallResult> InstallAsync(
        string licenseServerId, string keyPackId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
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

            if (keyPack.Installation is not null)
            {
                return new InstallResult(InstallOutcome.Installed, keyPack);
            }

            keyPack.Installation = new KeyPackInstallation
            {
                KeyPackId = keyPack.Id,
                LicenseServerId = licenseServerId,
                InstalledAt = clock.GetUtcNow(),
            };

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new InstallResult(InstallOutcome.Installed, keyPack);
            }
            catch (DbUpdateException exception) when (attempt < 3 && DatabaseErrors.IsUniqueViolation(exception))
            {
                // A simultaneous submission inserted the installation first (the key is the key pack): read its answer.
                db.ChangeTracker.Clear();
            }
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Lab;

/// <summary>What a reset removed, by kind.</summary>
public sealed record ResetCounts(int LicenseServers, int Requests, int KeyPacks, int Installations, int Purchases);

/// <summary>A lab API key as made: <see cref="Key"/> is shown this once.</summary>
public sealed record CreatedLabApiKey(Guid Id, string Name, string Key);

/// <summary>
/// Every change lab administration makes — reset, licensing mode, ID seed, fault injection, phone numbers, API keys —
/// for the pages and the lab API alike. Each is written to the audit trail in the same save as the change, and the
/// settings this instance caches (<see cref="LabState"/>) take the change at once.
/// </summary>
public sealed class LabAdministrator(ClearinghouseDbContext db, AuditLog audit, LabState lab, TimeProvider clock)
{
    /// <summary>
    /// Removes the lab's licensing data — license servers, requests (drafts included), key packs and their
    /// installations, retail license codes used, registered purchases, remembered API answers — and restarts the ID
    /// seed's sequence. Kept: accounts, lab API keys, the audit trail (the reset is recorded in it), the lab's settings
    /// and phone numbers, and the keys that protect sign-in cookies.
    /// </summary>
    public async Task<ResetCounts> ResetAsync(CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Children before parents, and rows that point at rows of their own table unhooked first.
            await db.RetailLicenseCodes.ExecuteDeleteAsync(cancellationToken);
            var installations = await db.KeyPackInstallations.ExecuteDeleteAsync(cancellationToken);
            await db.KeyPacks.Where(k => k.MigratedToKeyPackId != null)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.MigratedToKeyPackId, (string?)null), cancellationToken);
            var keyPacks = await db.KeyPacks.ExecuteDeleteAsync(cancellationToken);
            var requests = await db.CalRequests.ExecuteDeleteAsync(cancellationToken);
            await db.LicenseServers.Where(s => s.ReplacedById != null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReplacedById, (string?)null), cancellationToken);
            var servers = await db.LicenseServers.ExecuteDeleteAsync(cancellationToken);
            var purchases = await db.Purchases.ExecuteDeleteAsync(cancellationToken);
            await db.IdempotencyRecords.ExecuteDeleteAsync(cancellationToken);
            await db.LabSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.IdsDrawn, 0L), cancellationToken);

            var counts = new ResetCounts(servers, requests, keyPacks, installations, purchases);
            audit.Add(AuditActions.LabReset, null, string.Create(CultureInfo.InvariantCulture,
                $"removed {servers} license servers, {requests} requests, {keyPacks} key packs, {installations} installations, {purchases} purchases"));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return counts;
        });
    }

    /// <summary>Sets the licensing mode; null goes back to the configured one (<c>Licensing:Mode</c>).</summary>
    public Task SetModeAsync(LicensingMode? mode, CancellationToken cancellationToken = default) =>
        ChangeSettingsAsync(settings =>
        {
            if (settings.Mode == mode)
            {
                return null;
            }

            settings.Mode = mode;
            return (AuditActions.LabModeChanged, mode?.ToString() ?? $"configured ({lab.ConfiguredMode})");
        }, cancellationToken);

    /// <summary>Sets the ID seed (null for random IDs); either way the sequence starts again from its first ID.</summary>
    public Task SetIdSeedAsync(string? seed, CancellationToken cancellationToken = default) =>
        ChangeSettingsAsync(settings =>
        {
            settings.IdSeed = string.IsNullOrEmpty(seed) ? null : seed;
            settings.IdsDrawn = 0;
            return (AuditActions.LabIdSeedChanged, settings.IdSeed is null ? "random IDs" : $"seed \"{settings.IdSeed}\", sequence restarted");
        }, cancellationToken);

    public Task SetFaultsAsync(FaultSettings faults, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return ChangeSettingsAsync(settings =>
        {
            settings.FaultDelayMilliseconds = faults.DelayMilliseconds;
            settings.FaultErrorRate = faults.ErrorRate;
            settings.OutageFrom = faults.OutageFrom;
            settings.OutageTo = faults.OutageTo;
            return (AuditActions.LabFaultsChanged, faults.Describe());
        }, cancellationToken);
    }

    /// <summary>Sets the telephone number shown for a country or region; false when there is no such code.</summary>
    public async Task<bool> SetPhoneNumberAsync(string countryRegionCode, string phoneNumber, CancellationToken cancellationToken = default)
    {
        var row = await db.CountriesRegions.AsNoTracking().SingleOrDefaultAsync(c => c.Code == countryRegionCode, cancellationToken);
        if (row is null)
        {
            return false;
        }

        if (row.PhoneNumber != phoneNumber)
        {
            var changed = row with { PhoneNumber = phoneNumber };
            db.Attach(changed).Property(c => c.PhoneNumber).IsModified = true;
            audit.Add(AuditActions.PhoneNumberChanged, row.Code, $"{row.PhoneNumber} → {phoneNumber}");
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        return true;
    }

    /// <summary>Makes an API key for lab scripts acting for <paramref name="userId"/>; the key is returned this once.</summary>
    public async Task<CreatedLabApiKey> CreateApiKeyAsync(string name, string userId, CancellationToken cancellationToken = default)
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var key = LabApiKeys.Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new LabApiKey
        {
            Id = Guid.NewGuid(),
            Name = name,
            Hash = ServerCredentials.Hash(key),
            Prefix = key[..FieldLengths.LabApiKeyPrefix],
            UserId = userId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.LabApiKeys.Add(row);
        audit.Add(AuditActions.LabApiKeyCreated, name, $"key {row.Prefix}…, id {row.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedLabApiKey(row.Id, name, key);
    }

    /// <summary>Revokes a key; false when there is no such key or it was revoked already.</summary>
    public async Task<bool> RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await db.LabApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        if (row is null)
        {
            return false;
        }

        row.RevokedAt = clock.GetUtcNow();
        audit.Add(AuditActions.LabApiKeyRevoked, row.Name, $"key {row.Prefix}…, id {row.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The settings as stored (nothing set when there is no row).</summary>
    public async Task<LabSnapshot> ReadSettingsAsync(CancellationToken cancellationToken = default) =>
        LabSnapshot.Of(await db.LabSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == LabSettings.SingletonId, cancellationToken));

    /// <summary>Changes the one settings row (made on first use) and audits it, in one save; retried if another instance made the row first.</summary>
    private async Task ChangeSettingsAsync(Func<LabSettings, (string Action, string Details)?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var settings = await db.LabSettings.SingleOrDefaultAsync(s => s.Id == LabSettings.SingletonId, cancellationToken);
            if (settings is null)
            {
                settings = new LabSettings();
                db.LabSettings.Add(settings);
            }

            if (change(settings) is not { } audited)
            {
                db.ChangeTracker.Clear();
                return;
            }

            settings.UpdatedAt = clock.GetUtcNow();
            audit.Add(audited.Action, null, audited.Details);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                lab.Remember(settings);
                db.ChangeTracker.Clear();
                return;
            }
            catch (DbUpdateException exception) when (attempt < 3 && DatabaseErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.State;

public static class ServerStatus
{
    public const string NotActivated = "not-activated";
    public const string Activated = "activated";
    public const string Deactivated = "deactivated";
}

public static class KeyPackStatus
{
    public const string Installed = "installed";
    public const string Issued = "issued";
    public const string Migrated = "migrated";
}

/// <summary>
/// A key pack this license server holds (or held), as the clearinghouse last reported it, plus what the server did to
/// it on its own: <see cref="RemovedQuantity"/> CALs taken off when a migration moved them to another server.
/// </summary>
public sealed record HeldKeyPack
{
    public required string KeyPackId { get; init; }

    public required string LicenseProgram { get; init; }

    public required string ProductVersion { get; init; }

    public required string CalType { get; init; }

    public required int Quantity { get; init; }

    public string Status { get; init; } = KeyPackStatus.Installed;

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? InstalledAt { get; init; }

    public DateTimeOffset? MigratedAt { get; init; }

    /// <summary>CALs this server removed itself (a migration from it to a server that could reach it).</summary>
    public int RemovedQuantity { get; init; }

    /// <summary>CALs it can hand out: none once migrated away, and not those it removed.</summary>
    public int Available => Status == KeyPackStatus.Migrated ? 0 : Math.Max(0, Quantity - RemovedQuantity);

    public static HeldKeyPack From(KeyPack keyPack, HeldKeyPack? known = null) => new()
    {
        KeyPackId = Canonical(keyPack.KeyPackId),
        LicenseProgram = keyPack.LicenseProgram,
        ProductVersion = keyPack.ProductVersion,
        CalType = keyPack.CalType,
        Quantity = keyPack.Quantity,
        Status = keyPack.Status ?? KeyPackStatus.Installed,
        IssuedAt = keyPack.IssuedAt,
        InstalledAt = keyPack.InstalledAt,
        MigratedAt = keyPack.MigratedAt,
        RemovedQuantity = known?.RemovedQuantity ?? 0,
    };

    /// <summary>IDs are kept as the clearinghouse reads them: upper case, no separators.</summary>
    public static string Canonical(string id) =>
        string.Concat(id.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
}

/// <summary>CALs a license server can hand out of one product version and CAL type.</summary>
public sealed record CalTotal(string ProductVersion, string CalType, int Quantity);

/// <summary>Everything the simulated license server keeps between commands: the state file's content.</summary>
public sealed class ServerState
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    public string? ClearinghouseUrl { get; set; }

    public string Status { get; set; } = ServerStatus.NotActivated;

    /// <summary>Canonical (35 letters or digits, no hyphens).</summary>
    public string? LicenseServerId { get; set; }

    /// <summary>The bearer credential from activation: secret, never printed after activation.</summary>
    public string? Credential { get; set; }

    /// <summary>The operating system code the server runs, e.g. "windows-server-2022".</summary>
    public string? OperatingSystem { get; set; }

    /// <summary>The newest CAL version it accepts, as the clearinghouse said at activation.</summary>
    public string? ProductVersion { get; set; }

    /// <summary>ISO 3166 code of its company's country/region: it picks the telephone number shown.</summary>
    public string? CountryRegion { get; set; }

    public DateTimeOffset? ActivatedAt { get; set; }

    public DateTimeOffset? DeactivatedAt { get; set; }

    public List<string> PreviousLicenseServerIds { get; set; } = [];

    public List<HeldKeyPack> KeyPacks { get; set; } = [];

    /// <summary>When the key packs were last read from the clearinghouse (status).</summary>
    public DateTimeOffset? RefreshedAt { get; set; }

    public bool IsActivated => Status == ServerStatus.Activated && LicenseServerId is not null;

    /// <summary>CALs per product version and CAL type, only of what it can hand out.</summary>
    public IReadOnlyList<CalTotal> Totals() => [.. KeyPacks
        .Where(k => k.Available > 0)
        .GroupBy(k => (k.ProductVersion, k.CalType))
        .Select(g => new CalTotal(g.Key.ProductVersion, g.Key.CalType, g.Sum(k => k.Available)))
        .OrderBy(t => t.ProductVersion, StringComparer.Ordinal)
        .ThenBy(t => t.CalType, StringComparer.Ordinal)];

    /// <summary>Adds a key pack the clearinghouse answered with, or updates it when already held (idempotent install).</summary>
    public HeldKeyPack Hold(KeyPack keyPack)
    {
        var id = HeldKeyPack.Canonical(keyPack.KeyPackId);
        var index = KeyPacks.FindIndex(k => string.Equals(k.KeyPackId, id, StringComparison.Ordinal));
        var held = HeldKeyPack.From(keyPack, index >= 0 ? KeyPacks[index] : null);
        if (index >= 0)
        {
            KeyPacks[index] = held;
        }
        else
        {
            KeyPacks.Add(held);
        }

        return held;
    }

    /// <summary>Replaces the key packs with the clearinghouse's list, keeping what this server removed itself.</summary>
    public void Refresh(IEnumerable<KeyPack> keyPacks, DateTimeOffset at)
    {
        var known = KeyPacks.ToDictionary(k => k.KeyPackId, StringComparer.Ordinal);
        KeyPacks = [.. keyPacks.Select(k => HeldKeyPack.From(k, known.GetValueOrDefault(HeldKeyPack.Canonical(k.KeyPackId))))];
        RefreshedAt = at;
    }

    /// <summary>
    /// Takes <paramref name="quantity"/> CALs of a version and type off this server's key packs (oldest first), as a
    /// license server does when a migration moves them to another server; how many it could take.
    /// </summary>
    public int RemoveCals(string productVersion, string calType, int quantity)
    {
        var left = quantity;
        for (var i = 0; i < KeyPacks.Count && left > 0; i++)
        {
            var keyPack = KeyPacks[i];
            if (keyPack.Available == 0 || keyPack.ProductVersion != productVersion || keyPack.CalType != calType)
            {
                continue;
            }

            var take = Math.Min(left, keyPack.Available);
            KeyPacks[i] = keyPack with { RemovedQuantity = keyPack.RemovedQuantity + take };
            left -= take;
        }

        return quantity - left;
    }
}

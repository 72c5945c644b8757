namespace Clearinghouse.Web.Data;

/// <summary>A license key pack the clearinghouse issued: CALs bound to one license server.</summary>
public sealed class KeyPack
{
    /// <summary>The license key pack ID, canonical: 35 upper-case characters, no separators.</summary>
    public required string Id { get; init; }

    /// <summary>The server it is bound to: the one it was issued for, or that server's new ID after a reactivation.</summary>
    public required string LicenseServerId { get; set; }

    /// <summary>The request it answers; one request issues at most one key pack (a unique index).</summary>
    public Guid? RequestId { get; init; }

    public required RequestChannel Channel { get; init; }

    public required string LicenseProgramCode { get; init; }

    public required string ProductVersionCode { get; init; }

    public required string CalTypeCode { get; init; }

    public required int Quantity { get; init; }

    public KeyPackPurpose Purpose { get; init; }

    /// <summary>
    /// The purchase its CALs come from, canonical, for agreements and Open Licenses (e.g. "enterprise-agreement:1234567",
    /// "open-license:12345678:ABCDE…"): key packs of the same purchase are what a migration moves and what totals add
    /// up. Retail license codes are tracked one by one in <see cref="RetailLicenseCode"/> instead.
    /// </summary>
    public string? PurchaseReference { get; init; }

    /// <summary>The registered purchase it was counted against (strict mode), if any.</summary>
    public Guid? PurchaseId { get; init; }

    /// <summary>
    /// Set when its CALs were migrated to another server: the key pack that holds them now. A migrated key pack counts
    /// in no total.
    /// </summary>
    public string? MigratedToKeyPackId { get; set; }

    public DateTimeOffset? MigratedAt { get; set; }

    /// <summary>Counts the saves; a concurrency token, so two migrations cannot both move the same CALs.</summary>
    public int Version { get; set; }

    public required DateTimeOffset IssuedAt { get; init; }

    public CalRequest? Request { get; init; }

    public KeyPackInstallation? Installation { get; set; }
}

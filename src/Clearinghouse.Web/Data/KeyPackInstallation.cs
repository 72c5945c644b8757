namespace Clearinghouse.Web.Data;

/// <summary>
/// A key pack installed on a license server. Keyed by the key pack, so the database admits one installation per key
/// pack however many submissions race for it.
/// </summary>
public sealed class KeyPackInstallation
{
    public required string KeyPackId { get; init; }

    public required string LicenseServerId { get; init; }

    public required DateTimeOffset InstalledAt { get; init; }
}

namespace Clearinghouse.Web.Data;

/// <summary>
/// A retail license code (License Pack) that has been used. The code is the key, so the database admits one use per
/// code: a second installation with it is refused. A migration (Manage CALs) moves its CALs to the new key pack.
/// </summary>
public sealed class RetailLicenseCode
{
    /// <summary>Canonical: 25 upper-case characters, no separators.</summary>
    public required string Code { get; init; }

    /// <summary>The key pack that holds its CALs now.</summary>
    public required string KeyPackId { get; set; }

    public required DateTimeOffset FirstUsedAt { get; init; }
}

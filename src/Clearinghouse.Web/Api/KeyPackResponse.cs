using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Api;

/// <summary>A key pack as the API shows it. IDs in groups of 5; catalogue items by their codes.</summary>
/// <param name="Status"><c>installed</c>, <c>issued</c> (not installed yet) or <c>migrated</c> (its CALs moved away).</param>
public sealed record KeyPackResponse(
    string KeyPackId,
    string LicenseServerId,
    string LicenseProgram,
    string ProductVersion,
    string CalType,
    int Quantity,
    DateTimeOffset IssuedAt,
    DateTimeOffset? InstalledAt,
    string Status,
    DateTimeOffset? MigratedAt)
{
    public static KeyPackResponse Of(KeyPack keyPack)
    {
        ArgumentNullException.ThrowIfNull(keyPack);
        return new(
            IdFormat.KeyPackId.Format(keyPack.Id),
            IdFormat.LicenseServerId.Format(keyPack.LicenseServerId),
            keyPack.LicenseProgramCode,
            keyPack.ProductVersionCode,
            keyPack.CalTypeCode,
            keyPack.Quantity,
            keyPack.IssuedAt,
            keyPack.Installation?.InstalledAt,
            keyPack.MigratedToKeyPackId is not null ? "migrated" : keyPack.Installation is not null ? "installed" : "issued",
            keyPack.MigratedAt);
    }
}

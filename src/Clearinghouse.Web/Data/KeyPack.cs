namespace Clearinghouse.Web.Data;

/// <summary>A license key pack the clearinghouse issued: CALs bound to one license server.</summary>
public sealed class KeyPack
{
    /// <summary>The license key pack ID, canonical: 35 upper-case characters, no separators.</summary>
    public required string Id { get; init; }

    public required string LicenseServerId { get; init; }

    /// <summary>The request it answers; one request issues at most one key pack (a unique index).</summary>
    public Guid? RequestId { get; init; }

    public required RequestChannel Channel { get; init; }

    public required string LicenseProgramCode { get; init; }

    public required string ProductVersionCode { get; init; }

    public required string CalTypeCode { get; init; }

    public required int Quantity { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public CalRequest? Request { get; init; }

    public KeyPackInstallation? Installation { get; set; }
}

namespace Clearinghouse.Web.Data;

/// <summary>A license server the clearinghouse has heard of, by the ID it was given or was typed in.</summary>
public sealed class LicenseServer
{
    /// <summary>Canonical form: 35 upper-case characters, no separators.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// False for a foreign ID (not written in the issuing alphabet, or written in it but confirmed as copied from the
    /// server although it does not check out): it is recorded as a new, unregistered server.
    /// </summary>
    public required bool IssuedHere { get; init; }

    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When it was activated here; null for a server only heard of (a foreign ID typed on the site).</summary>
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>The Product ID given at activation.</summary>
    public string? ProductId { get; init; }

    /// <summary>The operating system it runs, given at activation.</summary>
    public string? OperatingSystemCode { get; init; }

    /// <summary>
    /// The newest CAL version it accepts (from its operating system, known from activation): a key pack of a newer
    /// version is refused. Null when not known.
    /// </summary>
    public string? ProductVersionCode { get; init; }

    /// <summary>
    /// The License Server ID it was given when reactivated. From then on this ID is no longer accepted; its key packs
    /// are bound to the new one.
    /// </summary>
    public string? ReplacedById { get; set; }

    public DateTimeOffset? ReplacedAt { get; set; }

    /// <summary>
    /// SHA-256 of the credential the API gave it at activation or reactivation (the credential itself is shown once and
    /// never stored). Null for a server activated on the site or by telephone, or only heard of: such a server calls the
    /// key pack installation endpoint with its ID alone.
    /// </summary>
    public byte[]? CredentialHash { get; set; }

    /// <summary>When it was deactivated: from then on its ID is no longer accepted anywhere.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>
    /// The confirmation code read out to a caller who deactivated the server by telephone (canonical,
    /// <see cref="Licensing.IdFormat.ConfirmationCode"/>), kept so that it can be read out again and checked; null when
    /// it was deactivated through the API.
    /// </summary>
    public string? DeactivationConfirmationCode { get; set; }

    /// <summary>Counts the saves; a concurrency token, so two reactivations of one server cannot both succeed.</summary>
    public int Version { get; set; }
}

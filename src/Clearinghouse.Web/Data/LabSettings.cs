using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Data;

/// <summary>
/// What a lab administrator set at run time, in one row (<see cref="SingletonId"/>), so that every instance behind a
/// load balancer reads the same. No row means nothing set: everything off, the mode from configuration. Read through
/// <see cref="Lab.LabState"/>, which caches it for a few seconds.
/// </summary>
public sealed class LabSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Overrides <c>Licensing:Mode</c> when set.</summary>
    public LicensingMode? Mode { get; set; }

    /// <summary>
    /// The ID seed: when set, the IDs the clearinghouse issues come from a sequence derived from it (see
    /// <see cref="Lab.IssuedIds"/>); null for random IDs.
    /// </summary>
    public string? IdSeed { get; set; }

    /// <summary>How many IDs were drawn from the seed's sequence since it was set (or the lab reset).</summary>
    public long IdsDrawn { get; set; }

    /// <summary>Fault injection: added to every API call (/api/v1, not /api/v1/lab), in milliseconds.</summary>
    public int FaultDelayMilliseconds { get; set; }

    /// <summary>Fault injection: the fraction (0 to 1) of API calls answered 503.</summary>
    public double FaultErrorRate { get; set; }

    /// <summary>Fault injection: from this moment (UTC) until <see cref="OutageTo"/> every API call is answered 503.</summary>
    public DateTimeOffset? OutageFrom { get; set; }

    public DateTimeOffset? OutageTo { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// A key a lab administrator made for lab scripts (<c>/api/v1/lab/…</c>, header <c>X-Lab-Api-Key</c> or Bearer). Shown
/// once; only its SHA-256 is kept, as for a license server's credential. It acts for the administrator who made it,
/// and stops working when that account is disabled or no longer a lab administrator, or when it is revoked.
/// </summary>
public sealed class LabApiKey
{
    public Guid Id { get; init; }

    /// <summary>What the administrator called it ("nightly script").</summary>
    public required string Name { get; init; }

    public required byte[] Hash { get; init; }

    /// <summary>The first characters of the key, to tell keys apart in the list; not enough to use it.</summary>
    public required string Prefix { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}

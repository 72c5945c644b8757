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
}

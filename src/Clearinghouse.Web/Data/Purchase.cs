namespace Clearinghouse.Web.Data;

/// <summary>
/// A purchase the lab registered: CALs of one program, product version and CAL type, under one agreement number, Open
/// License or retail license code. In strict mode only registered purchases count, and no more CALs are issued from
/// one than it holds.
/// </summary>
public sealed class Purchase
{
    public Guid Id { get; init; }

    public required string LicenseProgramCode { get; init; }

    /// <summary>
    /// The proof of purchase, canonical: the agreement number, the Open License as "licence number:authorization
    /// number", or the retail license code.
    /// </summary>
    public required string Reference { get; init; }

    public required string ProductVersionCode { get; init; }

    public required string CalTypeCode { get; init; }

    public required int Quantity { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>
    /// A concurrency token each issuance against the purchase bumps, in the same transaction as its key pack: two
    /// issuances racing for the last CALs cannot both pass the check.
    /// </summary>
    public int Version { get; set; }
}

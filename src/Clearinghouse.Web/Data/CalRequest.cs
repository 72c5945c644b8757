namespace Clearinghouse.Web.Data;

/// <summary>
/// A request made through one of the site's flows (<see cref="Kind"/>): CALs to migrate or install, a license server to
/// activate or reactivate. While a person walks the wizard it holds what has been entered so far (so a refresh, the
/// back button or a server restart loses nothing); once submitted it is the record of who asked for what, and why.
/// Which fields a request uses depends on its kind.
/// </summary>
public sealed class CalRequest
{
    public Guid Id { get; init; }

    public RequestChannel Channel { get; init; }

    public RequestKind Kind { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>
    /// The console account of the representative who entered the request for a caller (telephone channel); null for
    /// requests made on the web site or through the API.
    /// </summary>
    public string? RepresentativeId { get; init; }

    /// <summary>Counts the saves; a concurrency token, so a save based on an outdated read fails.</summary>
    public int Version { get; set; }

    // Request step
    public string? TargetLicenseServerId { get; set; }

    /// <summary>
    /// The target ID was not issued here (characters outside the issuing alphabet, or groups that do not check out
    /// and the person confirmed it was copied from elsewhere): it cannot be checked for typing mistakes.
    /// </summary>
    public bool TargetLicenseServerIdIsForeign { get; set; }

    public string? ReasonCode { get; set; }

    public string? LicenseProgramCode { get; set; }

    // Contact step
    public string? LastName { get; set; }

    public string? FirstName { get; set; }

    public string? CompanyName { get; set; }

    public string? CountryRegionCode { get; set; }

    public string? OrganizationalUnit { get; set; }

    public string? StreetAddress { get; set; }

    public string? City { get; set; }

    public string? StateProvince { get; set; }

    public string? PostalCode { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    // License program details step: which of these is set depends on the program's kind.
    public string? AgreementNumber { get; set; }

    public string? OpenLicenseNumber { get; set; }

    public string? OpenLicenseAuthorizationNumber { get; set; }

    /// <summary>Canonical retail license codes, one per line, in the order entered.</summary>
    public string? RetailLicenseCodes { get; set; }

    /// <summary>At least one license code was not issued here, and the person confirmed it was copied as printed.</summary>
    public bool RetailLicenseCodesAreForeign { get; set; }

    public string? ProductVersionCode { get; set; }

    public string? CalTypeCode { get; set; }

    public int? Quantity { get; set; }

    // Activation: the server's Product ID and operating system.
    public string? ProductId { get; set; }

    public string? OperatingSystemCode { get; set; }

    /// <summary>The key pack issued for this request, once submitted (Manage CALs, Install client access licenses).</summary>
    public KeyPack? KeyPack { get; set; }

    /// <summary>The License Server ID issued for this request, once submitted (activation, reactivation).</summary>
    public string? IssuedLicenseServerId { get; set; }
}

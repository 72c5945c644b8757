namespace Clearinghouse.Web.Data;

/// <summary>
/// The longest value each stored field holds. The database columns, the form validators and the pages' maxlength
/// attributes all read these numbers, so a form can never accept what the database would refuse.
/// </summary>
public static class FieldLengths
{
    /// <summary>License Server IDs and license key pack IDs, canonical (no separators).</summary>
    public const int Id = 35;

    /// <summary>Catalogue codes such as "windows-server-2022".</summary>
    public const int Code = 64;

    /// <summary>Catalogue names, and people's and companies' names.</summary>
    public const int Name = 100;

    /// <summary>Longer catalogue text (reasons) and a street address.</summary>
    public const int Text = 200;

    public const int CountryRegionCode = 2;

    public const int CallingCode = 8;

    public const int PostalCode = 20;

    public const int Email = 254;

    public const int Phone = 40;

    public const int Channel = 16;

    /// <summary>Request kinds and key pack purposes.</summary>
    public const int Kind = 32;

    /// <summary>Product IDs given at activation: 4 groups of 5, canonical.</summary>
    public const int ProductId = 20;

    public const int RetailLicenseCode = 25;

    /// <summary>A rate-limit partition: its kind and a client address (an IPv6 /64 at most) or a License Server ID.</summary>
    public const int RateLimitPartition = 100;

    /// <summary>A canonical proof of purchase with its program, e.g. "open-license:12345678:ABCDE12345FGHIJ".</summary>
    public const int PurchaseReference = 100;

    /// <summary>The most CALs one registered purchase holds.</summary>
    public const int MaxPurchaseQuantity = 1_000_000;

    public const int AgreementNumber = 7;

    /// <summary>A SHA-256 hash (API credentials, idempotent request bodies).</summary>
    public const int CredentialHash = 32;

    /// <summary>An Idempotency-Key header: 1 to 100 printable ASCII characters.</summary>
    public const int IdempotencyKey = 100;

    /// <summary>What an idempotency key is scoped to (method and path), and a Location header.</summary>
    public const int IdempotencyScope = 300;

    public const int OpenLicenseNumber = 8;

    public const int OpenLicenseAuthorizationNumber = 15;

    /// <summary>Up to <see cref="Licensing.CalRequestRules.MaxRetailLicenseCodes"/> codes of 25 characters, one per line.</summary>
    public const int RetailLicenseCodes = Licensing.CalRequestRules.MaxRetailLicenseCodes * 26;

    /// <summary>An audit entry's action code.</summary>
    public const int AuditAction = 64;

    /// <summary>An audit entry's actor (an e-mail address or "web", "api", "system") and subject.</summary>
    public const int AuditSubject = 256;

    public const int AuditDetails = 2000;

    /// <summary>An IPv6 address as text, with room for a zone.</summary>
    public const int ClientAddress = 64;

    public const int LabIdSeed = 100;

    public const int LabApiKeyPrefix = 12;
}

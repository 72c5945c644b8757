namespace Clearinghouse.Web.Licensing;

/// <summary>
/// The stable, machine-readable code of every refusal, in one place: the API puts it in its problem details
/// (<c>code</c>) and the pages' validators put it on their failures, so the same mistake has the same code whichever
/// door it came through. Tools branch on these; once published, a code keeps its meaning.
/// </summary>
public static class ErrorCodes
{
    // Requests that could not be taken as sent (the API's own answers for what the framework refuses).
    public const string InvalidRequest = "invalid-request";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string RequestTooLarge = "request-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string TooManyRequests = "too-many-requests";
    public const string ServiceUnavailable = "service-unavailable";
    public const string InternalError = "internal-error";

    // The API's credentials (Authorization: Bearer) and idempotency keys.

    /// <summary>No credential, a wrong one, or a License Server ID that does not exist: the same answer for each.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A valid credential of one license server used on another server's resources.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The Idempotency-Key header is empty, longer than 100 characters or not printable ASCII.</summary>
    public const string MalformedIdempotencyKey = "malformed-idempotency-key";

    /// <summary>The Idempotency-Key was used before with another request body.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    /// <summary>The first request with this Idempotency-Key is still running; retry after Retry-After.</summary>
    public const string IdempotencyKeyInFlight = "idempotency-key-in-flight";

    // The database (503, with Retry-After where waiting helps).

    /// <summary>The database was busy (locked, a deadlock, a timeout); retry after Retry-After.</summary>
    public const string DatabaseBusy = "database-busy";

    /// <summary>The database cannot be reached; retry after Retry-After.</summary>
    public const string DatabaseUnavailable = "database-unavailable";

    /// <summary>The database's migrations are not applied; the operator must apply them.</summary>
    public const string DatabaseNotMigrated = "database-not-migrated";

    /// <summary>Any other status the framework answers with; a refusal of ours always has its own code.</summary>
    public const string Error = "error";

    // License Server IDs.
    public const string MalformedLicenseServerId = "malformed-license-server-id";

    /// <summary>Strict mode: the ID uses characters no ID issued here contains.</summary>
    public const string LicenseServerIdNotIssuedHere = "license-server-id-not-issued-here";

    /// <summary>Lenient mode: written in the issuing alphabet, groups do not check out, not confirmed as copied.</summary>
    public const string UnconfirmedForeignLicenseServerId = "unconfirmed-foreign-license-server-id";

    /// <summary>The license server was reactivated: it has a new License Server ID and this one is no longer accepted.</summary>
    public const string LicenseServerReactivated = "license-server-reactivated";

    /// <summary>The license server was deactivated: its License Server ID is no longer accepted anywhere.</summary>
    public const string LicenseServerDeactivated = "license-server-deactivated";

    /// <summary>Strict mode: no license server with this ID was activated here.</summary>
    public const string LicenseServerNotActivated = "license-server-not-activated";

    /// <summary>The CALs are of a newer product version than the license server accepts (known from its activation).</summary>
    public const string CalVersionNewerThanServer = "cal-version-newer-than-server";

    // Product IDs (activation input; from Windows, read for shape only).
    public const string MalformedProductId = "malformed-product-id";

    // License key pack IDs (always issued here).
    public const string MalformedKeyPackId = "malformed-key-pack-id";
    public const string KeyPackNotFound = "key-pack-not-found";
    public const string KeyPackIssuedToAnotherServer = "key-pack-issued-to-another-server";

    /// <summary>The key pack's CALs were migrated to another license server: it holds none and cannot be installed.</summary>
    public const string KeyPackMigrated = "key-pack-migrated";

    // Proof of purchase.
    public const string MalformedLicenseCode = "malformed-license-code";
    public const string LicenseCodeNotIssuedHere = "license-code-not-issued-here";
    public const string UnconfirmedForeignLicenseCode = "unconfirmed-foreign-license-code";
    public const string RepeatedLicenseCode = "repeated-license-code";
    public const string TooManyLicenseCodes = "too-many-license-codes";
    public const string MalformedLicenseNumber = "malformed-license-number";
    public const string MalformedAuthorizationNumber = "malformed-authorization-number";
    public const string MalformedAgreementNumber = "malformed-agreement-number";

    /// <summary>Install client access licenses with a retail license code that has already been installed.</summary>
    public const string LicenseCodeAlreadyInstalled = "license-code-already-installed";

    /// <summary>Strict mode: the agreement, Open License or license code is not a purchase registered here.</summary>
    public const string PurchaseNotRegistered = "purchase-not-registered";

    /// <summary>Strict mode: more CALs than the registered purchase still holds.</summary>
    public const string PurchaseQuantityExceeded = "purchase-quantity-exceeded";

    /// <summary>Lab administration: the same purchase (program, reference, version, CAL type) is already registered.</summary>
    public const string PurchaseAlreadyRegistered = "purchase-already-registered";

    // Choices from the catalogue, and the quantity.
    public const string UnknownReason = "unknown-reason";
    public const string UnknownOperatingSystem = "unknown-operating-system";
    public const string UnknownLicenseProgram = "unknown-license-program";
    public const string UnknownCountryRegion = "unknown-country-region";
    public const string UnknownProductVersion = "unknown-product-version";
    public const string UnknownCalType = "unknown-cal-type";
    public const string CalTypeNotSoldForVersion = "cal-type-not-sold-for-version";
    public const string MalformedQuantity = "malformed-quantity";
    public const string QuantityOutOfRange = "quantity-out-of-range";

    // Free text (contact details).
    public const string MissingValue = "missing-value";
    public const string TooLong = "too-long";

    /// <summary>A control character, line break or bidirectional control in free text (see <see cref="PlainText"/>).</summary>
    public const string ForbiddenCharacter = "forbidden-character";
    public const string MalformedEmail = "malformed-email";
    public const string MalformedPhone = "malformed-phone";

    // Lab administration (pages and /api/v1/lab).
    public const string LabDelayOutOfRange = "lab-delay-out-of-range";
    public const string LabErrorRateOutOfRange = "lab-error-rate-out-of-range";
    public const string LabOutageIncomplete = "lab-outage-incomplete";
    public const string LabOutageEndsBeforeStart = "lab-outage-ends-before-start";
    public const string MalformedLabTime = "malformed-lab-time";
    public const string LabSeedTooLong = "lab-seed-too-long";
    public const string UnknownLicensingMode = "unknown-licensing-mode";
    public const string ResetNotConfirmed = "reset-not-confirmed";
    public const string MalformedLabFilter = "malformed-lab-filter";

    public static readonly ForeignIdErrorCodes LicenseServerId =
        new(MalformedLicenseServerId, LicenseServerIdNotIssuedHere, UnconfirmedForeignLicenseServerId);

    public static readonly ForeignIdErrorCodes LicenseCode =
        new(MalformedLicenseCode, LicenseCodeNotIssuedHere, UnconfirmedForeignLicenseCode);
}

/// <summary>The codes for the ways an ID that may come from elsewhere is refused (see <see cref="ForeignIds"/>).</summary>
public sealed record ForeignIdErrorCodes(string Malformed, string NotIssuedHere, string Unconfirmed);

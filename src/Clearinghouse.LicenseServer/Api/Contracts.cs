using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clearinghouse.LicenseServer.Api;

// The license-server API v1 as docs/api-v1-contract.md describes it: only the fields the simulator reads or sends.

public sealed record Address(string? Street, string? City, string? StateProvince, string? PostalCode);

public sealed record CompanyInformation(
    string FirstName,
    string LastName,
    string CompanyName,
    string CountryRegion,
    string? Email,
    string? OrganizationalUnit,
    Address? Address);

public sealed record ActivationRequest(string ProductId, string OperatingSystem, CompanyInformation Company);

public sealed record ActivationResponse(
    string LicenseServerId,
    string Credential,
    string? OperatingSystem,
    string? ProductVersion,
    DateTimeOffset? ActivatedAt);

public sealed record ReactivationRequest(string Reason);

public sealed record ReactivationResponse(
    string LicenseServerId,
    string Credential,
    string? PreviousLicenseServerId,
    IReadOnlyList<KeyPack>? KeyPacks);

public sealed record DeactivationResponse(string LicenseServerId, DateTimeOffset? DeactivatedAt, IReadOnlyList<KeyPack>? KeyPacks);

public sealed record CalRequestBody(
    string Kind,
    string? Reason,
    string? SourceLicenseServerId,
    string LicenseProgram,
    string? AgreementNumber,
    string? LicenseNumber,
    string? AuthorizationNumber,
    IReadOnlyList<string>? LicenseCodes,
    string ProductVersion,
    string CalType,
    int Quantity);

public sealed record KeyPackInstallationBody(string KeyPackId);

/// <summary>A key pack as the API answers it. <c>status</c> is absent from older answers: then it is installed.</summary>
public sealed record KeyPack(
    string KeyPackId,
    string LicenseServerId,
    string LicenseProgram,
    string ProductVersion,
    string CalType,
    int Quantity,
    DateTimeOffset IssuedAt,
    DateTimeOffset? InstalledAt,
    string? Status,
    DateTimeOffset? MigratedAt);

public sealed record KeyPackTotal(string ProductVersion, string CalType, int Quantity);

public sealed record KeyPacksResponse(string LicenseServerId, IReadOnlyList<KeyPack> KeyPacks, IReadOnlyList<KeyPackTotal>? Totals);

public sealed record CatalogCountry(string Code, string Name, string? Phone);

public sealed record Catalog(IReadOnlyList<CatalogCountry>? Countries);

/// <summary>An RFC 9457 problem as the clearinghouse sends it: a stable <c>code</c> to branch on, a <c>detail</c> to read.</summary>
public sealed record ApiProblemBody(
    int? Status,
    string? Title,
    string? Detail,
    string? Code,
    int? Group,
    string? Field,
    Dictionary<string, string[]>? Errors);

/// <summary>JSON as the API speaks it (camelCase, nulls left out) and as the simulator writes its state and --json output.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,

        // Written for people and scripts to read ("it's", not "it\u0027s"); never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

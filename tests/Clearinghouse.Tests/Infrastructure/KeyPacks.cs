using System.Security.Cryptography;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>A key pack issued for a test, with its IDs in canonical form (35 characters, no separators).</summary>
public sealed record IssuedKeyPack(
    string KeyPackId,
    string LicenseServerId,
    string LicenseProgram,
    string ProductVersion,
    string CalType,
    int Quantity,
    DateTimeOffset IssuedAt);

/// <summary>Test data for the license-server API: key packs issued the way the web site issues them.</summary>
public static class KeyPacks
{
    /// <summary>A new License Server ID this clearinghouse could have issued (right check characters).</summary>
    public static string NewLicenseServerId()
    {
        using var random = RandomNumberGenerator.Create();
        return IdFormat.LicenseServerId.Generate(random);
    }

    /// <summary>A well-formed license key pack ID with right check characters that was never issued.</summary>
    public static string NewKeyPackId()
    {
        using var random = RandomNumberGenerator.Create();
        return IdFormat.KeyPackId.Generate(random);
    }

    /// <summary>A 7-digit agreement number, random enough that tests sharing a database do not share agreements.</summary>
    public static string NewAgreementNumber() =>
        RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Records a complete Manage CALs request made on the web site and issues its key pack through the portal's own
    /// <see cref="KeyPackIssuer"/>.
    /// </summary>
    /// <param name="licenseServerId">The target server; a new one when not given.</param>
    public static async Task<IssuedKeyPack> IssueAsync(this ClearinghouseFactory factory, string? licenseServerId = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var request = new CalRequest
        {
            Id = Guid.NewGuid(),
            Channel = RequestChannel.Web,
            CreatedAt = now,
            UpdatedAt = now,
            TargetLicenseServerId = licenseServerId ?? NewLicenseServerId(),
            ReasonCode = "replaced",
            LicenseProgramCode = "enterprise-agreement",
            LastName = "Okafor",
            FirstName = "Ada",
            CompanyName = "Contoso Lab",
            CountryRegionCode = "US",
            Email = "ada.okafor@contoso.example",
            // An agreement of its own: Manage CALs moves the CALs of the same agreement from other servers.
            AgreementNumber = NewAgreementNumber(),
            ProductVersionCode = "windows-server-2022",
            CalTypeCode = "rds-per-user",
            Quantity = 25,
        };
        await factory.WithDbAsync(db =>
        {
            db.CalRequests.Add(request);
            return db.SaveChangesAsync();
        });

        var keyPack = await factory.WithServicesAsync(
            services => services.GetRequiredService<KeyPackIssuer>().IssueAsync(request.Id));
        return new IssuedKeyPack(
            keyPack.Id,
            keyPack.LicenseServerId,
            keyPack.LicenseProgramCode,
            keyPack.ProductVersionCode,
            keyPack.CalTypeCode,
            keyPack.Quantity,
            keyPack.IssuedAt);
    }
}

using System.Security.Cryptography;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.BrowserTests.ManageCals;

/// <summary>What one person types and chooses in the Manage CALs wizard, as the pages show it.</summary>
public sealed record CalRequestEntries
{
    /// <summary>A License Server ID in canonical form (35 characters, no hyphens).</summary>
    public required string TargetLicenseServerId { get; init; }

    public string Reason { get; init; } = "The source license server is being replaced by this license server";

    public string LicenseProgram { get; init; } = "Enterprise Agreement";

    public string EnrollmentNumber { get; init; } = "4821957";

    public string LastName { get; init; } = "Okafor";

    public string FirstName { get; init; } = "Adaeze";

    public string CompanyName { get; init; } = "Fabrikam Ltd";

    public string CountryRegion { get; init; } = "Ireland";

    public string City { get; init; } = "Dublin";

    public string Email { get; init; } = "adaeze.okafor@fabrikam.example";

    public string ProductVersion { get; init; } = "Windows Server 2022";

    public string CalType { get; init; } = "RDS Per User CAL";

    public int Quantity { get; init; } = 25;

    /// <summary>The ID as RD Licensing Manager shows it: 7 groups of 5, joined by hyphens.</summary>
    public string FormattedServerId => IdFormat.LicenseServerId.Format(TargetLicenseServerId);

    /// <summary>
    /// Entries for a license server whose ID was not issued here but, like a real server's, uses only the issuing
    /// (product-key) alphabet, so none of its groups checks out.
    /// </summary>
    public static CalRequestEntries ForForeignServer(int quantity = 25)
    {
        const string alphabet = "BCDFGHJKMPQRTVWXY2346789";
        while (true)
        {
            var id = string.Concat(RandomNumberGenerator.GetBytes(35).Select(b => alphabet[b % alphabet.Length]));
            if (IdFormat.LicenseServerId.Parse(id).FailedGroups.Count == 7)
            {
                return new() { TargetLicenseServerId = id, Quantity = quantity };
            }
        }
    }

    /// <summary>Entries for a license server of its own (a new ID from this clearinghouse's generator).</summary>
    public static CalRequestEntries ForNewServer(int quantity = 25)
    {
        using var random = RandomNumberGenerator.Create();
        return new() { TargetLicenseServerId = IdFormat.LicenseServerId.Generate(random), Quantity = quantity };
    }
}

using System.Security.Cryptography;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>
/// The real portal on a real socket (Kestrel on 127.0.0.1, a port the system picks), with an SQLite file of its own
/// migrated at start-up as in production, so the simulator calls it exactly as a lab script would.
/// </summary>
public sealed class PortalOnLoopback : WebApplicationFactory<global::Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"clearinghouse-ls-{Guid.NewGuid():N}.db");

    public PortalOnLoopback()
    {
        // Port 0: the factory binds http://127.0.0.1:0 (loopback only) and reads back the port it got.
        UseKestrel(0);
    }

    /// <summary>Where the portal listens, e.g. http://127.0.0.1:41234/; known once <see cref="WebApplicationFactory{TEntryPoint}.StartServer"/> ran.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("ConnectionStrings:Clearinghouse", $"Data Source={_databasePath}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // A lab administrator, for the lab commands' key (see LabApiKeyAsync).
        builder.UseSetting("Accounts:Seed:0:Email", AdministratorEmail);
        builder.UseSetting("Accounts:Seed:0:Password", "Lab-Admin-Password-1");
        builder.UseSetting("Accounts:Seed:0:Roles", "LabAdministrator");
    }

    public const string AdministratorEmail = "admin@clearinghouse.test";

    /// <summary>A lab API key of the seeded administrator, made as /lab/api-keys makes one.</summary>
    public async Task<string> LabApiKeyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        var userId = db.Users.Single(u => u.Email == AdministratorEmail).Id;
        var created = await scope.ServiceProvider.GetRequiredService<Clearinghouse.Web.Lab.LabAdministrator>().CreateApiKeyAsync("simulator tests", userId);
        return created.Key;
    }

    /// <summary>
    /// Issues a key pack the way the web site's "Install client access licenses" flow issues it (the request recorded,
    /// then the portal's own <see cref="KeyPackIssuer"/>), for <paramref name="licenseServerId"/>: what an admin then types in.
    /// </summary>
    public async Task<string> IssueOnTheWebSiteAsync(string licenseServerId, string calType, int quantity)
    {
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var request = new CalRequest
        {
            Id = Guid.NewGuid(),
            Channel = RequestChannel.Web,
            Kind = RequestKind.InstallCals,
            CreatedAt = now,
            UpdatedAt = now,
            TargetLicenseServerId = IdFormat.LicenseServerId.Parse(licenseServerId).Value,
            LicenseProgramCode = "select-license",
            LastName = "Okafor",
            FirstName = "Ada",
            CompanyName = "Contoso Lab",
            CountryRegionCode = "US",
            AgreementNumber = NewAgreementNumber(),
            ProductVersionCode = "windows-server-2022",
            CalTypeCode = calType,
            Quantity = quantity,
        };
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        db.CalRequests.Add(request);
        await db.SaveChangesAsync();
        var keyPack = await scope.ServiceProvider.GetRequiredService<KeyPackIssuer>().IssueAsync(request.Id);
        return IdFormat.KeyPackId.Format(keyPack.Id);
    }

    /// <summary>A 7-digit agreement number of the test's own, so tests sharing the portal share no purchases.</summary>
    public static string NewAgreementNumber() =>
        RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_databasePath + suffix);
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// Requests of every kind, complete as the site's flows leave them, and the portal's own services to submit them: for
/// tests of the licensing rules on a real database. Works on any host of the portal, e.g. one in strict mode
/// (<see cref="Strict"/>).
/// </summary>
public static class LicensingRequests
{
    public const string Version2022 = "windows-server-2022";

    public const string PerUser = "rds-per-user";

    /// <summary>The same portal on the same database, in strict mode.</summary>
    public static WebApplicationFactory<Program> Strict(this ClearinghouseFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithWebHostBuilder(builder => builder.UseSetting("Licensing:Mode", "Strict"));
    }

    /// <summary>Runs <paramref name="action"/> with services from a new scope, as one request would see them.</summary>
    public static async Task<T> InScopeAsync<T>(this WebApplicationFactory<Program> host, Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static Task<T> InDbAsync<T>(this WebApplicationFactory<Program> host, Func<ClearinghouseDbContext, Task<T>> action) =>
        host.InScopeAsync(services => action(services.GetRequiredService<ClearinghouseDbContext>()));

    /// <summary>
    /// The portal's issuer (lenient mode) on a context the test made (e.g. with an interceptor: TestDatabase.CreateContext),
    /// with the host's lab state and metrics.
    /// </summary>
    public static KeyPackIssuer IssuerOn(this WebApplicationFactory<Program> host, ClearinghouseDbContext db)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new KeyPackIssuer(db, new IssuedIds(db, RandomNumberGenerator.Create(), host.Services.GetRequiredService<LabState>()),
            TimeProvider.System, new LicensingRules(db, LicensingModeSource.Fixed(LicensingMode.Lenient)),
            new AuditLog(db, TimeProvider.System, new HttpContextAccessor()), host.Services.GetRequiredService<ClearinghouseMetrics>());
    }

    /// <summary>A request for CALs under an agreement (Enterprise Agreement unless said).</summary>
    public static CalRequest Agreement(
        RequestKind kind,
        string serverId,
        string agreementNumber,
        int quantity,
        string version = Version2022,
        string calType = PerUser,
        string program = "enterprise-agreement") =>
        Cals(kind, serverId, program, quantity, version, calType, r => r.AgreementNumber = agreementNumber);

    public static CalRequest OpenLicense(RequestKind kind, string serverId, string number, string authorization, int quantity) =>
        Cals(kind, serverId, "open-license", quantity, Version2022, PerUser, r =>
        {
            r.OpenLicenseNumber = number;
            r.OpenLicenseAuthorizationNumber = authorization;
        });

    /// <summary>A request for CALs of a License Pack; <paramref name="codes"/> canonical, in the order entered.</summary>
    public static CalRequest Retail(
        RequestKind kind, string serverId, IEnumerable<string> codes, int quantity, string version = Version2022, string calType = PerUser) =>
        Cals(kind, serverId, "license-pack", quantity, version, calType, r => r.RetailLicenseCodes = string.Join('\n', codes));

    public static CalRequest Activation(string operatingSystem = "windows-server-2016", string? productId = null) =>
        WithContact(new CalRequest
        {
            Id = Guid.NewGuid(),
            CreatedAt = DateTimeOffset.UtcNow,
            Kind = RequestKind.ActivateServer,
            ProductId = IdFormat.ProductId.Parse(productId ?? NewProductId()).Value,
            OperatingSystemCode = operatingSystem,
        });

    public static CalRequest Reactivation(string serverId, string reason = "redeployed") =>
        WithContact(new CalRequest
        {
            Id = Guid.NewGuid(),
            CreatedAt = DateTimeOffset.UtcNow,
            Kind = RequestKind.ReactivateServer,
            TargetLicenseServerId = serverId,
            ReasonCode = reason,
        });

    public static async Task<CalRequest> SaveAsync(this WebApplicationFactory<Program> host, CalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await host.InDbAsync(db =>
        {
            db.CalRequests.Add(request);
            return db.SaveChangesAsync();
        });
        return request;
    }

    /// <summary>Saves the request and submits it as the review page does (reviewed as saved).</summary>
    public static async Task<IssueOutcome> SubmitAsync(this WebApplicationFactory<Program> host, CalRequest request)
    {
        await host.SaveAsync(request);
        return await host.InScopeAsync(services =>
            services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(request.Id, request.Version));
    }

    /// <summary>Saves and submits the request, which must be issued; returns its key pack.</summary>
    public static async Task<KeyPack> IssueAsync(this WebApplicationFactory<Program> host, CalRequest request)
    {
        var outcome = await host.SubmitAsync(request);
        Assert.True(outcome.Status == IssueStatus.Issued,
            $"Expected the key pack to be issued, got {outcome.Status}: {string.Join(" ", outcome.Refusals.Select(r => r.Message))}");
        return outcome.KeyPack!;
    }

    /// <summary>A license server activated here on <paramref name="operatingSystem"/>.</summary>
    public static async Task<LicenseServer> ActivateServerAsync(this WebApplicationFactory<Program> host, string operatingSystem = "windows-server-2022")
    {
        var request = await host.SaveAsync(Activation(operatingSystem));
        return await host.InScopeAsync(services => services.GetRequiredService<ServerActivation>().ActivateAsync(request.Id));
    }

    public static async Task<LicenseServerOutcome> ReactivateAsync(this WebApplicationFactory<Program> host, string serverId)
    {
        var request = await host.SaveAsync(Reactivation(serverId));
        return await host.InScopeAsync(services =>
            services.GetRequiredService<ServerReactivation>().TryReactivateAsync(request.Id, request.Version));
    }

    public static Task RegisterAsync(
        this WebApplicationFactory<Program> host, string program, string reference, int quantity, string version = Version2022, string calType = PerUser) =>
        host.InScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<PurchaseRegistry>()
                .RegisterAsync(new PurchaseRegistration(program, reference, version, calType, quantity));
            Assert.Equal(RegistrationOutcome.Registered, result.Outcome);
            return result;
        });

    public static Task<KeyPack> KeyPackAsync(this WebApplicationFactory<Program> host, string keyPackId) =>
        host.InDbAsync(db => db.KeyPacks.AsNoTracking().Include(k => k.Installation).SingleAsync(k => k.Id == keyPackId));

    public static Task<LicenseServer> ServerAsync(this WebApplicationFactory<Program> host, string serverId) =>
        host.InDbAsync(db => db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == serverId));

    public static Task<CalRequest> RequestAsync(this WebApplicationFactory<Program> host, Guid requestId) =>
        host.InDbAsync(db => db.CalRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));

    /// <summary>A Product ID of the shape Windows shows (00490-92005-99454-AT527), random in its digits.</summary>
    public static string NewProductId() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{RandomNumberGenerator.GetInt32(100_000):D5}{RandomNumberGenerator.GetInt32(100_000):D5}{RandomNumberGenerator.GetInt32(100_000):D5}AT{RandomNumberGenerator.GetInt32(1_000):D3}");

    public static string NewRetailCode()
    {
        using var random = RandomNumberGenerator.Create();
        return IdFormat.RetailLicenseCode.Generate(random);
    }

    private static CalRequest Cals(
        RequestKind kind, string serverId, string program, int quantity, string version, string calType, Action<CalRequest> details)
    {
        var request = WithContact(new CalRequest
        {
            Id = Guid.NewGuid(),
            CreatedAt = DateTimeOffset.UtcNow,
            Kind = kind,
            TargetLicenseServerId = serverId,
            ReasonCode = kind == RequestKind.ManageCals ? "replaced" : null,
            LicenseProgramCode = program,
            ProductVersionCode = version,
            CalTypeCode = calType,
            Quantity = quantity,
        });
        details(request);
        return request;
    }

    private static CalRequest WithContact(CalRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        request.UpdatedAt = now;
        request.LastName = "Okafor";
        request.FirstName = "Ada";
        request.CompanyName = "Contoso Lab";
        request.CountryRegionCode = "NZ";
        return request;
    }
}

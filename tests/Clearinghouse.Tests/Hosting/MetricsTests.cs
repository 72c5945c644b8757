using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// Tests that read counters as differences between two scrapes. The portals of one test process share their meters'
/// names, so a test running beside them could add to what these count: they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CountingCollection
{
    public const string Name = "Counting metrics";
}

/// <summary>
/// /metrics, read as Prometheus reads it: requests and their duration (ASP.NET Core's instrumentation) and the portal's
/// own counters — key packs issued and installed by connection method, refusals by stable code — each counted once;
/// and how long SQLite's write turn was held.
/// </summary>
[Collection(CountingCollection.Name)]
public sealed class MetricsTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private const string Issued = "clearinghouse_key_packs_issued_total";
    private const string Installed = "clearinghouse_key_packs_installed_total";
    private const string Refusals = "clearinghouse_refusals_total";
    private const string WriteTurns = "clearinghouse_sqlite_write_turn_duration_seconds";
    private const string RequestDurations = "http_server_request_duration_seconds_count";
    private const string InstallationRoute = "/api/v1/license-servers/{licenseServerId}/key-pack-installations";

    [Fact]
    public async Task KeyPack_IssuedOnTheSiteAndInstalledThroughTheApi_IsCountedOnceEach_AndTheRefusalByItsCode()
    {
        using var metrics = factory.CreateClient();
        var before = await PrometheusText.ScrapeAsync(metrics);
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var serverId = KeyPacks.NewLicenseServerId();
        var keyPackId = ManageCalsWizard.KeyPackIdOn(await wizard.IssueAsync(serverId));
        using var api = factory.CreateClient();

        using var installed = await api.PostAsJsonAsync(InstallPath(serverId), new { keyPackId });
        using var again = await api.PostAsJsonAsync(InstallPath(serverId), new { keyPackId });
        using var refused = await api.PostAsJsonAsync(InstallPath(KeyPacks.NewLicenseServerId()), new { keyPackId });

        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Problems.ReadAsync(refused, HttpStatusCode.Conflict, ErrorCodes.KeyPackIssuedToAnotherServer);
        var after = await PrometheusText.ScrapeAsync(metrics);
        Assert.Equal(1, Added(before, after, Issued, ("channel", "web"), ("purpose", "migration")));
        Assert.Equal(0, Added(before, after, Issued, ("channel", "automatic")));

        // Submitting it again is answered as installed, but installs nothing more.
        Assert.Equal(1, Added(before, after, Installed, ("channel", "web")));
        Assert.Equal(1, Added(before, after, Refusals, ("code", ErrorCodes.KeyPackIssuedToAnotherServer), ("front", "api")));
        Assert.Equal(2, Added(before, after, RequestDurations, ("http_route", InstallationRoute), ("http_response_status_code", "200")));
        Assert.Equal(1, Added(before, after, RequestDurations, ("http_route", InstallationRoute), ("http_response_status_code", "409")));
        Assert.Contains(after, s => s.Name == "http_server_request_duration_seconds_bucket" && s.Labels.GetValueOrDefault("http_route") == InstallationRoute);
    }

    [Fact]
    public async Task Cals_RequestedThroughTheApi_AreCountedAsAutomatic_IssuedAndInstalled()
    {
        using var client = factory.CreateClient();
        var server = await client.ActivateAsync();
        var before = await PrometheusText.ScrapeAsync(client);

        using var response = await client.RequestCalsAsync(server, ApiClient.Agreement("install", 25));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await PrometheusText.ScrapeAsync(client);
        Assert.Equal(1, Added(before, after, Issued, ("channel", "automatic"), ("purpose", "install")));
        Assert.Equal(1, Added(before, after, Installed, ("channel", "automatic")));
        Assert.Equal(0, Added(before, after, Issued, ("channel", "web")));
    }

    [Fact]
    public async Task RuleRefusal_OnAPage_IsCountedByItsCode_AsTheSites()
    {
        using var metrics = factory.CreateClient();
        var server = await factory.ActivateServerAsync();
        await factory.ReactivateAsync(server.Id);
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var before = await PrometheusText.ScrapeAsync(metrics);

        var page = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", server.Id)
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement"));

        Assert.NotEmpty(ManageCalsWizard.ErrorSummary(page));
        var after = await PrometheusText.ScrapeAsync(metrics);
        Assert.Equal(1, Added(before, after, Refusals, ("code", ErrorCodes.LicenseServerReactivated), ("front", "site")));
        Assert.Equal(0, Added(before, after, Refusals, ("code", ErrorCodes.LicenseServerReactivated), ("front", "api")));
    }

    [Fact]
    public async Task Metrics_ShowTheRuntimeAndTheServiceVersion()
    {
        using var client = factory.CreateClient();

        var samples = await PrometheusText.ScrapeAsync(client);

        Assert.Contains(samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        var target = Assert.Single(samples, s => s.Name == "target_info");
        Assert.Equal(Clearinghouse.Web.Hosting.ClearinghouseStartup.Version, target.Labels["service_version"]);
    }

    [Fact]
    public async Task SqliteWriteTurn_IsMeasuredFromBeginToTheEndOfTheTransaction()
    {
        using var client = factory.CreateClient();
        var before = await PrometheusText.ScrapeAsync(client);
        var held = TimeSpan.Zero;

        await factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Id = Guid.NewGuid(),
                Scope = "metrics test",
                Key = Guid.NewGuid().ToString(),
                FingerprintHash = [0],
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            // Timed with the gate's own clock, inside the turn: a timer may wake a millisecond before 300 ms by it.
            var holding = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            held = holding.Elapsed;
            await transaction.CommitAsync();
        });

        // Other writers (the purges at start) may take a turn meanwhile, but none for anywhere near as long.
        var after = await PrometheusText.ScrapeAsync(client);
        Assert.InRange(Added(before, after, WriteTurns + "_count"), 1, 10);
        Assert.InRange(Added(before, after, WriteTurns + "_sum"), held.TotalSeconds, 60);
        Assert.Contains(after, s => s.Name == WriteTurns + "_bucket" && s.Labels.GetValueOrDefault("le") == "0.0005");
    }

    private static double Added(
        IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static string InstallPath(string serverId) => $"/api/v1/license-servers/{serverId}/key-pack-installations";
}

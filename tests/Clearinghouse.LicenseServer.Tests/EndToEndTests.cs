using System.Text.Json;
using Clearinghouse.LicenseServer.Api;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>
/// The lab scenario against the real portal on a loopback port: activate → request CALs (automatic method) → install a
/// web-issued key pack → migrate to a second simulated server (whose tool can read the first one's state) → status on
/// both. The simulator runs in-process with real sockets, exactly as its Program.cs runs it.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private readonly PortalOnLoopback _portal = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-ls-e2e", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string State(string name) => Path.Combine(_folder, name + ".json");

    private async Task<SimulatorRun> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    private async Task<SimulatorRun> RunWithInputAsync(string? input, params string[] args)
    {
        var run = await TryAsync(input, args);
        Assert.True(run.ExitCode == ExitCodes.Success, $"{string.Join(' ', args)}\n{run}");
        return run;
    }

    private async Task<SimulatorRun> TryAsync(string? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new SimulatorHost(output, error, new StringReader(input ?? string.Empty), ClientEnvironment.Default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await Simulator.RunAsync([.. args, "--json"], host, timeout.Token);
        return new SimulatorRun(code, output.ToString(), error.ToString(), []);
    }

    private static Dictionary<string, int> Totals(JsonElement status) => status.GetProperty("totals").EnumerateArray()
        .ToDictionary(t => $"{t.GetProperty("productVersion").GetString()}/{t.GetProperty("calType").GetString()}", t => t.GetProperty("quantity").GetInt32());

    [Fact]
    public async Task TheLabScenario_ActivateRequestInstallMigrateStatus_AgainstTheRealPortal()
    {
        var url = _portal.BaseAddress.ToString();
        var agreement = PortalOnLoopback.NewAgreementNumber();

        // 1. The first license server activates itself.
        var first = await RunAsync(
            "activate", "--state", State("first"), "--url", url, "--product-id", "00490-92005-99454-AT527", "--os", "windows-server-2022",
            "--first-name", "Ada", "--last-name", "Okafor", "--company", "Contoso Lab", "--country", "US");
        var firstId = first.Json.GetProperty("licenseServerId").GetString()!;
        Assert.Equal(url, StateStore.Load(State("first")).ClearinghouseUrl);

        // 2. It requests 25 per-user CALs under an agreement (automatic connection method).
        var requested = await RunAsync(
            "request", "--state", State("first"), "--kind", "install", "--program", "enterprise-agreement", "--agreement-number", agreement,
            "--product-version", "windows-server-2022", "--cal-type", "rds-per-user", "--quantity", "25");
        Assert.Equal(25, requested.Json.GetProperty("keyPack").GetProperty("quantity").GetInt32());

        // 3. An admin gets 10 per-device CALs on the web site for it and types the key pack ID in (web browser method).
        var webKeyPack = await _portal.IssueOnTheWebSiteAsync(firstId, "rds-per-device", 10);
        var installed = await RunWithInputAsync(webKeyPack + "\n", "install", "--state", State("first"), "--method", "web");
        Assert.Equal(webKeyPack, installed.Json.GetProperty("keyPack").GetProperty("keyPackId").GetString());
        Assert.Contains(firstId, installed.Error, StringComparison.Ordinal);
        Assert.Contains(url, installed.Error, StringComparison.Ordinal);

        var firstBefore = Totals((await RunAsync("status", "--state", State("first"))).Json);
        Assert.Equal(25, firstBefore["windows-server-2022/rds-per-user"]);
        Assert.Equal(10, firstBefore["windows-server-2022/rds-per-device"]);

        // 4. A second license server replaces it, and migrates the per-user CALs; its tool can read the first's state.
        var second = await RunAsync(
            "activate", "--state", State("second"), "--url", url, "--product-id", "00490-92005-99454-AT528", "--os", "windows-server-2025",
            "--first-name", "Ada", "--last-name", "Okafor", "--company", "Contoso Lab", "--country", "US");
        var secondId = second.Json.GetProperty("licenseServerId").GetString()!;
        Assert.NotEqual(firstId, secondId);

        var migrated = await RunAsync(
            "request", "--state", State("second"), "--kind", "migrate", "--reason", "replaced", "--source-state", State("first"),
            "--program", "enterprise-agreement", "--agreement-number", agreement,
            "--product-version", "windows-server-2022", "--cal-type", "rds-per-user", "--quantity", "25");
        var source = migrated.Json.GetProperty("source");
        Assert.True(source.GetProperty("removedFromSource").GetBoolean());
        Assert.Equal(25, source.GetProperty("removedQuantity").GetInt32());

        // 5. Status, refreshed from the clearinghouse: the per-user CALs are on the second server only.
        var firstAfter = Totals((await RunAsync("status", "--state", State("first"))).Json);
        var secondAfter = Totals((await RunAsync("status", "--state", State("second"))).Json);
        Assert.Equal(new Dictionary<string, int> { ["windows-server-2022/rds-per-device"] = 10 }, firstAfter);
        Assert.Equal(new Dictionary<string, int> { ["windows-server-2022/rds-per-user"] = 25 }, secondAfter);
    }

    [Fact]
    public async Task Refusals_AreExit1_WithTheApisCode_AndTheLifecycleEndsInDeactivation()
    {
        var url = _portal.BaseAddress.ToString();
        string[] company = ["--first-name", "Ada", "--last-name", "Okafor", "--company", "Contoso Lab", "--country", "DE"];
        await RunAsync(["activate", "--state", State("one"), "--url", url, "--product-id", "00490-92005-99454-AT527", "--os", "windows-server-2016", .. company]);
        var other = await RunAsync(["activate", "--state", State("other"), "--url", url, "--product-id", "00490-92005-99454-AT529", .. company]);

        // A key pack issued on the web site for another server is refused, with the API's code.
        var notMine = await _portal.IssueOnTheWebSiteAsync(other.Json.GetProperty("licenseServerId").GetString()!, "rds-per-user", 3);
        var refused = await TryAsync(null, "install", "--state", State("one"), notMine);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Equal("key-pack-issued-to-another-server", refused.Json.GetProperty("code").GetString());

        // A 2016 license server does not take 2022 CALs.
        var newer = await TryAsync(null,
            "request", "--state", State("one"), "--program", "select-license", "--agreement-number", PortalOnLoopback.NewAgreementNumber(),
            "--product-version", "windows-server-2022", "--cal-type", "rds-per-user", "--quantity", "5");
        Assert.Equal(ExitCodes.Refused, newer.ExitCode);
        Assert.Equal("cal-version-newer-than-server", newer.Json.GetProperty("code").GetString());

        // Telephone method: the number shown is the one for the server's country/region in the catalogue.
        var phone = await TryAsync(null, "install", "--state", State("one"), "--method", "telephone", notMine);
        Assert.Matches("Telephone method: call .+ \\(Germany\\)", phone.Error);

        // Reactivation: a new ID and credential, the key packs follow; the old ID is gone.
        await RunAsync("request", "--state", State("one"), "--program", "select-license", "--agreement-number", PortalOnLoopback.NewAgreementNumber(),
            "--product-version", "windows-server-2016", "--cal-type", "rds-per-device", "--quantity", "5");
        var before = StateStore.Load(State("one"));
        var reactivated = await RunAsync("reactivate", "--state", State("one"), "--reason", "redeployed");
        var after = StateStore.Load(State("one"));
        Assert.NotEqual(before.LicenseServerId, after.LicenseServerId);
        Assert.NotEqual(before.Credential, after.Credential);
        Assert.Equal(5, Totals(reactivated.Json)["windows-server-2016/rds-per-device"]);
        Assert.Equal(5, Totals((await RunAsync("status", "--state", State("one"))).Json)["windows-server-2016/rds-per-device"]);

        // Deactivation: the answer lists what is left; the ID then answers 410 to a stale copy of the state.
        File.Copy(State("one"), State("stale"));
        var deactivated = await RunAsync("deactivate", "--state", State("one"));
        Assert.Single(deactivated.Json.GetProperty("keyPacks").EnumerateArray());
        var stale = await TryAsync(null, "status", "--state", State("stale"));
        Assert.Equal(ExitCodes.Refused, stale.ExitCode);
        Assert.Equal("license-server-deactivated", stale.Json.GetProperty("code").GetString());
    }
}

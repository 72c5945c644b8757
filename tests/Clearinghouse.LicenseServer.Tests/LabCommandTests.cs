using System.Diagnostics;
using System.Globalization;
using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>
/// The lab commands against the real portal, and how the simulator copes with the faults they inject: it retries a 503,
/// waiting as Retry-After says, and reports the clearinghouse unreachable (exit 3) only when its attempts run out.
/// </summary>
public sealed class LabCommandTests : IAsyncLifetime
{
    private readonly PortalOnLoopback _portal = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-ls-lab", Guid.NewGuid().ToString("N"));
    private string _key = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _portal.StartServer();
        _key = await _portal.LabApiKeyAsync();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ErrorRateOne_TheSimulatorRetriesThenReportsUnreachable_AndFaultsOff_ItActivates()
    {
        var faulty = await LabAsync("faults", "--error-rate", "1");
        Assert.Equal(1.0, faulty.Json.GetProperty("answer").GetProperty("faults").GetProperty("errorRate").GetDouble());

        var refused = await RunAsync("activate", "--state", State(), "--url", Url, "--max-attempts", "2", "--retry-budget", "10",
            "--product-id", "00490-92005-99454-AT527", "--os", "windows-server-2022", "--first-name", "Ada", "--last-name", "Okafor",
            "--company", "Contoso Lab", "--country", "US");
        Assert.True(refused.ExitCode == ExitCodes.Unreachable, refused.ToString());
        Assert.Contains("service-unavailable", refused.Out + refused.Error, StringComparison.Ordinal);

        await LabAsync("faults");
        var activated = await ActivateAsync();
        Assert.True(activated.ExitCode == ExitCodes.Success, activated.ToString());
    }

    [Fact]
    public async Task AnOutageWindow_TheSimulatorWaitsAsRetryAfterSays_AndGetsThrough()
    {
        var now = DateTimeOffset.UtcNow;
        var end = now.AddSeconds(3);
        await LabAsync("faults", "--outage-from", now.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
            "--outage-to", end.ToString("O", CultureInfo.InvariantCulture));

        // What is left of the window once the lab call has set it (less on a busy machine), less a clock's tolerance.
        var left = end - DateTimeOffset.UtcNow - TimeSpan.FromMilliseconds(50);
        var watch = Stopwatch.StartNew();
        var activated = await ActivateAsync();
        watch.Stop();

        Assert.True(activated.ExitCode == ExitCodes.Success, activated.ToString());
        Assert.True(watch.Elapsed >= left, $"Got through after {watch.Elapsed}, {left} before the window ended: it did not wait for it.");
        await LabAsync("faults");
    }

    [Fact]
    public async Task ModeSeedSettingsAndReset_ThroughTheLabCommands()
    {
        var strict = await LabAsync("mode", "strict");
        var seeded = await LabAsync("seed", "lab-script");
        var settings = await LabAsync("settings");
        var configured = await LabAsync("mode", "configured");
        await LabAsync("seed");
        var reset = await LabAsync("reset");

        Assert.Equal("strict", strict.Json.GetProperty("answer").GetProperty("effectiveMode").GetString());
        Assert.Equal("lab-script", seeded.Json.GetProperty("answer").GetProperty("idSeed").GetString());
        Assert.Equal("strict", settings.Json.GetProperty("answer").GetProperty("mode").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, configured.Json.GetProperty("answer").GetProperty("mode").ValueKind);
        Assert.True(reset.Json.GetProperty("answer").TryGetProperty("licenseServers", out _));
    }

    [Fact]
    public async Task WithoutAKey_OrWithAWrongOne_TheLabCommandsStop()
    {
        var none = await RunAsync("lab", "settings", "--url", Url, "--state", State());
        var wrong = await RunAsync("lab", "settings", "--url", Url, "--state", State(), "--lab-key", "chlab_wrong");

        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Equal(ExitCodes.Refused, wrong.ExitCode);
        Assert.Contains("unauthorized", wrong.Out + wrong.Error, StringComparison.Ordinal);
    }

    private string Url => _portal.BaseAddress.ToString();

    private string State() => Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");

    private Task<SimulatorRun> ActivateAsync() => RunAsync("activate", "--state", State(), "--url", Url,
        "--product-id", "00490-92005-99454-AT527", "--os", "windows-server-2022", "--first-name", "Ada", "--last-name", "Okafor",
        "--company", "Contoso Lab", "--country", "US");

    private async Task<SimulatorRun> LabAsync(params string[] args)
    {
        var run = await RunAsync(["lab", .. args, "--url", Url, "--state", State(), "--lab-key", _key]);
        Assert.True(run.ExitCode == ExitCodes.Success, $"lab {string.Join(' ', args)}\n{run}");
        return run;
    }

    private static async Task<SimulatorRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new SimulatorHost(output, error, new StringReader(string.Empty), ClientEnvironment.Default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await Simulator.RunAsync([.. args, "--json"], host, timeout.Token);
        return new SimulatorRun(code, output.ToString(), error.ToString(), []);
    }
}

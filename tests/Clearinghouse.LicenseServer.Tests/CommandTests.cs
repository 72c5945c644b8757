using System.Net;
using System.Text.Json;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>Each command against the fake clearinghouse: what it sends, what it keeps, what it prints for people and scripts.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly Lab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task Activate_SendsTheContractsBody_SavesIdAndCredential_AndDoesNotPrintTheCredential()
    {
        _lab.Clearinghouse.Activates();

        var run = await _lab.RunAsync(Samples.ActivateArgs(_lab.State(), "--email", "ada@contoso.example", "--city", "Lagos"));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var sent = Assert.Single(_lab.Clearinghouse.Received);
        Assert.Equal("/api/v1/license-servers", sent.Path);
        Assert.Null(sent.Authorization);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal(Samples.ProductId, body.RootElement.GetProperty("productId").GetString());
        Assert.Equal("windows-server-2022", body.RootElement.GetProperty("operatingSystem").GetString());
        var company = body.RootElement.GetProperty("company");
        Assert.Equal("Contoso Lab", company.GetProperty("companyName").GetString());
        Assert.Equal("US", company.GetProperty("countryRegion").GetString());
        Assert.Equal("Lagos", company.GetProperty("address").GetProperty("city").GetString());

        var state = StateStore.Load(_lab.State());
        Assert.True(state.IsActivated);
        Assert.Equal("BCDFGHJKMPQRTVWXY2346789BCDFGHJKMPQ", state.LicenseServerId);
        Assert.Equal(Samples.Credential, state.Credential);
        Assert.Equal(Samples.Url, state.ClearinghouseUrl);

        Assert.Contains("License server activated.", run.Out, StringComparison.Ordinal);
        Assert.Contains(Samples.ServerId, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Credential, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_ShowsTheCredential_OnlyWhenAsked()
    {
        _lab.Clearinghouse.Activates().Activates();

        var human = await _lab.RunAsync(Samples.ActivateArgs(_lab.State("a"), "--show-credential"));
        var json = await _lab.RunAsync(Samples.ActivateArgs(_lab.State("b"), "--json"));

        Assert.Contains(Samples.Credential, human.Out, StringComparison.Ordinal);
        Assert.False(json.Json.TryGetProperty("credential", out _));
        Assert.Equal(Samples.ServerId, json.Json.GetProperty("licenseServerId").GetString());
    }

    [Fact]
    public async Task Request_Install_SendsTheBody_AndKeepsTheKeyPack()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, Samples.KeyPack());

        var run = await _lab.RunAsync([.. Samples.RequestArgs(_lab.State()), "--json"]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var body = JsonDocument.Parse(Assert.Single(_lab.Clearinghouse.Received).Body!);
        Assert.Equal("install", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("1234567", body.RootElement.GetProperty("agreementNumber").GetString());
        Assert.Equal(25, body.RootElement.GetProperty("quantity").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("sourceLicenseServerId", out _));

        Assert.Equal(Samples.KeyPackId, run.Json.GetProperty("keyPack").GetProperty("keyPackId").GetString());
        Assert.Equal(25, Assert.Single(StateStore.Load(_lab.State()).Totals()).Quantity);
    }

    [Fact]
    public async Task Request_WithRetailCodes_SendsThemGrouped()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, Samples.KeyPack());

        var run = await _lab.RunAsync(
            "request", "--state", _lab.State(), "--program", "license-pack", "--license-code", "bcdfghjkmpqrtvwxy2346789b",
            "--license-code", "BCDFG-HJKMP-QRTVW-XY234-6789C", "--product-version", "windows-server-2022", "--cal-type", "rds-per-user", "--quantity", "5");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var body = JsonDocument.Parse(Assert.Single(_lab.Clearinghouse.Received).Body!);
        Assert.Equal(["BCDFG-HJKMP-QRTVW-XY234-6789B", "BCDFG-HJKMP-QRTVW-XY234-6789C"],
            body.RootElement.GetProperty("licenseCodes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Install_Twice_KeepsOneKeyPack()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.OK, Samples.KeyPack()).Answer(HttpStatusCode.OK, Samples.KeyPack());

        await _lab.RunAsync("install", "--state", _lab.State(), Samples.KeyPackId.ToLowerInvariant());
        var run = await _lab.RunAsync("install", "--state", _lab.State(), Samples.KeyPackId.Replace("-", " ", StringComparison.Ordinal));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("Key pack installed", run.Out, StringComparison.Ordinal);
        Assert.Single(StateStore.Load(_lab.State()).KeyPacks);
        Assert.All(_lab.Clearinghouse.Received, r => Assert.Contains(Samples.KeyPackId, r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_ByTheWebMethod_ShowsTheSiteAndTheId_ThenTakesTheTypedKeyPackId()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.OK, Samples.KeyPack());

        var run = await _lab.RunWithInputAsync(Samples.KeyPackId + "\n", "install", "--state", _lab.State(), "--method", "web");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains($"open {Samples.Url}", run.Out, StringComparison.Ordinal);
        Assert.Contains(Samples.ServerId, run.Out, StringComparison.Ordinal);
        Assert.Contains("Type the license key pack ID", run.Out, StringComparison.Ordinal);
        Assert.Equal("/api/v1/license-servers/BCDFGHJKMPQRTVWXY2346789BCDFGHJKMPQ/key-pack-installations",
            Assert.Single(_lab.Clearinghouse.Received).Path);
    }

    [Fact]
    public async Task Install_ByTelephone_ShowsTheNumberForItsCountry_FromTheCatalog()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse
            .Answer(HttpStatusCode.OK, new
            {
                countries = new[]
                {
                    new { code = "DE", name = "Germany", phone = "+49 800 000 0000" },
                    new { code = "US", name = "United States", phone = "+1 888 555 0100" },
                },
            })
            .Answer(HttpStatusCode.OK, Samples.KeyPack());

        var run = await _lab.RunAsync("install", "--state", _lab.State(), "--method", "telephone", "--json", Samples.KeyPackId);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("/api/v1/catalog", _lab.Clearinghouse.Received[0].Path);
        // With --json the instructions go to stderr: stdout is the one document.
        Assert.Contains("call +1 888 555 0100 (United States)", run.Error, StringComparison.Ordinal);
        Assert.Contains(Samples.ServerId, run.Error, StringComparison.Ordinal);
        Assert.Equal("install", run.Json.GetProperty("command").GetString());
    }

    [Fact]
    public async Task Install_ByWeb_WithNothingTyped_IsExit2()
    {
        StateStore.Save(_lab.State(), Samples.Activated());

        var run = await _lab.RunWithInputAsync(string.Empty, "install", "--state", _lab.State(), "--method", "web");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Fact]
    public async Task Status_RefreshesTheStateFile_AndPrintsKeyPacksAndTotals()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.OK, new
        {
            licenseServerId = Samples.ServerId,
            keyPacks = new[]
            {
                Samples.KeyPack(),
                Samples.KeyPack("CCCCC-CCCCC-CCCCC-CCCCC-CCCCC-CCCCC-CCCCC", quantity: 5),
                Samples.KeyPack("DDDDD-DDDDD-DDDDD-DDDDD-DDDDD-DDDDD-DDDDD", quantity: 7, calType: "rds-per-device"),
                Samples.KeyPack("FFFFF-FFFFF-FFFFF-FFFFF-FFFFF-FFFFF-FFFFF", quantity: 100, status: "migrated"),
            },
            totals = new[] { new { productVersion = "windows-server-2022", calType = "rds-per-user", quantity = 30 } },
        });

        var run = await _lab.RunAsync("status", "--state", _lab.State());

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains(Samples.KeyPackId, run.Out, StringComparison.Ordinal);
        Assert.Contains("migrated", run.Out, StringComparison.Ordinal);
        Assert.Contains("CALs it can hand out", run.Out, StringComparison.Ordinal);
        Assert.Equal(
            [new CalTotal("windows-server-2022", "rds-per-device", 7), new CalTotal("windows-server-2022", "rds-per-user", 30)],
            StateStore.Load(_lab.State()).Totals());

        var offline = await _lab.RunAsync("status", "--state", _lab.State(), "--offline", "--json");
        Assert.Single(_lab.Clearinghouse.Received);
        Assert.True(offline.Json.GetProperty("offline").GetBoolean());
        Assert.Equal(4, offline.Json.GetProperty("keyPacks").GetArrayLength());
        Assert.Equal(2, offline.Json.GetProperty("totals").GetArrayLength());
        Assert.DoesNotContain(Samples.Credential, offline.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_IsRemembered_InTheStateFile()
    {
        StateStore.Save(_lab.State(), Samples.Activated());

        await _lab.RunAsync("status", "--offline", "--state", _lab.State(), "--url", "http://127.0.0.1:5123");

        Assert.Equal("http://127.0.0.1:5123/", StateStore.Load(_lab.State()).ClearinghouseUrl);
    }

    [Fact]
    public async Task Reactivate_TakesTheNewIdAndCredential_AndKeepsTheKeyPacks()
    {
        StateStore.Save(_lab.State(), Samples.Activated(keyPacks: [Samples.Held()]));
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, new
        {
            licenseServerId = Samples.OtherServerId,
            credential = "new-credential",
            previousLicenseServerId = Samples.ServerId,
            keyPacks = new[] { Samples.KeyPack(serverId: Samples.OtherServerId) },
        });

        var run = await _lab.RunAsync("reactivate", "--state", _lab.State(), "--reason", "redeployed");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("/api/v1/license-servers/BCDFGHJKMPQRTVWXY2346789BCDFGHJKMPQ/reactivations", Assert.Single(_lab.Clearinghouse.Received).Path);
        Assert.Contains($"{Samples.ServerId} is now {Samples.OtherServerId}", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("new-credential", run.Out, StringComparison.Ordinal);
        var state = StateStore.Load(_lab.State());
        Assert.Equal(HeldKeyPack.Canonical(Samples.OtherServerId), state.LicenseServerId);
        Assert.Equal("new-credential", state.Credential);
        Assert.Equal([HeldKeyPack.Canonical(Samples.ServerId)], state.PreviousLicenseServerIds);
        Assert.Single(state.KeyPacks);
    }

    [Fact]
    public async Task Deactivate_ForgetsTheCredential_AndListsWhatIsLeft()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.OK, new
        {
            licenseServerId = Samples.ServerId,
            deactivatedAt = "2026-03-02T08:00:00Z",
            keyPacks = new[] { Samples.KeyPack() },
        });

        var run = await _lab.RunAsync("deactivate", "--state", _lab.State());

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(HttpMethod.Delete, Assert.Single(_lab.Clearinghouse.Received).Method);
        Assert.NotNull(_lab.Clearinghouse.Received[0].IdempotencyKey);
        Assert.Contains("deactivated at 2026-03-02 08:00:00 UTC", run.Out, StringComparison.Ordinal);
        Assert.Contains(Samples.KeyPackId, run.Out, StringComparison.Ordinal);
        var state = StateStore.Load(_lab.State());
        Assert.Equal(ServerStatus.Deactivated, state.Status);
        Assert.Null(state.Credential);

        var again = await _lab.RunAsync("status", "--state", _lab.State());
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("was deactivated", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_WithJson_AreOneDocumentOnStdout_AndOneLineOnStderr()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Problem(HttpStatusCode.NotFound, "key-pack-not-found", "No license key pack was issued.");

        var run = await _lab.RunAsync("install", "--state", _lab.State(), "--json", Samples.KeyPackId);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.False(run.Json.GetProperty("ok").GetBoolean());
        Assert.Equal(1, run.Json.GetProperty("exitCode").GetInt32());
        Assert.Equal("key-pack-not-found", run.Json.GetProperty("code").GetString());
        Assert.Equal(404, run.Json.GetProperty("status").GetInt32());
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}

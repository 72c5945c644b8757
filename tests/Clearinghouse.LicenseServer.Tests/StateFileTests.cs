using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

public sealed class StateFileTests : IDisposable
{
    private readonly Lab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public void Save_ThenLoad_GivesTheSameState()
    {
        var state = Samples.Activated(keyPacks: [Samples.Held() with { RemovedQuantity = 5 }]);
        state.PreviousLicenseServerIds.Add(HeldKeyPack.Canonical(Samples.OtherServerId));

        StateStore.Save(_lab.State(), state);
        var loaded = StateStore.Load(_lab.State());

        Assert.Equal(state.LicenseServerId, loaded.LicenseServerId);
        Assert.Equal(state.Credential, loaded.Credential);
        Assert.Equal(state.ClearinghouseUrl, loaded.ClearinghouseUrl);
        Assert.Equal(state.PreviousLicenseServerIds, loaded.PreviousLicenseServerIds);
        Assert.Equal(state.KeyPacks, loaded.KeyPacks);
        Assert.Equal([new CalTotal("windows-server-2022", "rds-per-user", 20)], loaded.Totals());
    }

    [Fact]
    public void Save_ReplacesTheFileWhole_LeavesNoTemporaryFile_AndOnlyItsOwnerMayReadIt()
    {
        File.WriteAllText(_lab.State(), "{ \"an\": \"older, longer file that must not leave a tail behind ........................\" }");

        StateStore.Save(_lab.State(), Samples.Activated());

        Assert.Equal(Samples.Credential, StateStore.Load(_lab.State()).Credential);
        Assert.Equal([_lab.State()], Directory.GetFiles(_lab.Folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_lab.State()));
        }
    }

    [Fact]
    public void Save_WhenItCannotWrite_KeepsTheOldFile_AndIsAStateFileError()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        var missingFolder = Path.Combine(_lab.Folder, "no-such-folder", "server.json");

        var failure = Assert.Throws<SimulatorException>(() => StateStore.Save(missingFolder, Samples.Activated(Samples.OtherServerId)));

        Assert.Equal(ExitCodes.StateFile, failure.ExitCode);
        Assert.Equal(HeldKeyPack.Canonical(Samples.ServerId), StateStore.Load(_lab.State()).LicenseServerId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"format\": 1, \"keyPacks\": [")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"format\": 99}")]
    [InlineData("{\"format\": 1, \"status\": \"activated\"}")] // activated, but no ID or credential
    [InlineData("{\"format\": 1, \"status\": \"sleeping\"}")]
    public async Task CorruptStateFiles_AreExit4_WithOneLineAndNoStackTrace(string content)
    {
        await File.WriteAllTextAsync(_lab.State(), content);

        var run = await _lab.RunAsync("status", "--state", _lab.State());

        Assert.Equal(ExitCodes.StateFile, run.ExitCode);
        Assert.Contains("is corrupt", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Fact]
    public async Task AMissingStateFile_IsExit4_SayingToActivateFirst()
    {
        var run = await _lab.RunAsync("status", "--offline", "--state", _lab.State("nowhere"));

        Assert.Equal(ExitCodes.StateFile, run.ExitCode);
        Assert.Contains("not found. Run 'activate' first", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSourceStateFile_IsExit4()
    {
        StateStore.Save(_lab.State(), Samples.Activated());

        var run = await _lab.RunAsync([.. Samples.RequestArgs(_lab.State()), "--kind", "migrate", "--reason", "replaced", "--source-state", _lab.State("gone")]);

        Assert.Equal(ExitCodes.StateFile, run.ExitCode);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Fact]
    public void Refresh_KeepsWhatTheServerRemovedItself()
    {
        var state = Samples.Activated(keyPacks: [Samples.Held() with { RemovedQuantity = 10 }]);

        state.Refresh([new Api.KeyPack(Samples.KeyPackId, Samples.ServerId, "enterprise-agreement", "windows-server-2022",
            "rds-per-user", 25, DateTimeOffset.UnixEpoch, null, "installed", null)], DateTimeOffset.UnixEpoch);

        Assert.Equal(10, Assert.Single(state.KeyPacks).RemovedQuantity);
        Assert.Equal(15, Assert.Single(state.Totals()).Quantity);
    }

    [Fact]
    public void RemoveCals_TakesFromMatchingKeyPacksOnly_AndSaysHowManyItFound()
    {
        var state = Samples.Activated(keyPacks:
        [
            Samples.Held("BBBBB-BBBBB-BBBBB-BBBBB-BBBBB-BBBBB-BBBBB", 10),
            Samples.Held("CCCCC-CCCCC-CCCCC-CCCCC-CCCCC-CCCCC-CCCCC", 10, calType: "rds-per-device"),
            Samples.Held("DDDDD-DDDDD-DDDDD-DDDDD-DDDDD-DDDDD-DDDDD", 10),
        ]);

        Assert.Equal(15, state.RemoveCals("windows-server-2022", "rds-per-user", 15));
        Assert.Equal(5, state.RemoveCals("windows-server-2022", "rds-per-user", 50));
        Assert.Equal([new CalTotal("windows-server-2022", "rds-per-device", 10)], state.Totals());
    }
}

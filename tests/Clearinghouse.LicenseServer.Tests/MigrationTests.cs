using System.Net;
using System.Text.Json;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>
/// Migrating from a source whose state file the simulator can read: it removes the CALs itself when the source runs
/// Windows Server 2008 R2 or later and is activated, and otherwise reminds the administrator, as the real wizard does.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private const string MigratedKeyPackId = "XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX";

    private readonly Lab _lab = new();

    public void Dispose() => _lab.Dispose();

    private string[] Migrate(params string[] source) =>
        [.. Samples.RequestArgs(_lab.State("target"), "--kind", "migrate", "--reason", "replaced"), .. source];

    private void Target() => StateStore.Save(_lab.State("target"), Samples.Activated(Samples.OtherServerId));

    [Fact]
    public async Task FromAReachableSource_OnWindowsServer2008R2OrLater_RemovesTheCalsFromIt()
    {
        Target();
        StateStore.Save(_lab.State("source"), Samples.Activated(Samples.ServerId, "windows-server-2008-r2", Samples.Held(quantity: 40)));
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, Samples.KeyPack(MigratedKeyPackId, Samples.OtherServerId));

        var run = await _lab.RunAsync(Migrate("--source-state", _lab.State("source")));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        using var body = JsonDocument.Parse(Assert.Single(_lab.Clearinghouse.Received).Body!);
        Assert.Equal("migrate", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("replaced", body.RootElement.GetProperty("reason").GetString());
        Assert.Equal(Samples.ServerId, body.RootElement.GetProperty("sourceLicenseServerId").GetString());
        Assert.Contains("Removed 25 CAL(s) from the source license server", run.Out, StringComparison.Ordinal);
        Assert.Equal(15, Assert.Single(StateStore.Load(_lab.State("source")).Totals()).Quantity);
        Assert.Equal(25, Assert.Single(StateStore.Load(_lab.State("target")).Totals()).Quantity);
    }

    [Theory]
    [InlineData("windows-server-2008", "earlier than Windows Server 2008 R2")]
    [InlineData("windows-server-2003", "earlier than Windows Server 2008 R2")]
    public async Task FromAnOlderSource_RemindsToRemoveThemManually_AndLeavesItsStateAlone(string os, string said)
    {
        Target();
        StateStore.Save(_lab.State("source"), Samples.Activated(Samples.ServerId, os, Samples.Held(quantity: 40)));
        var before = await File.ReadAllTextAsync(_lab.State("source"));
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, Samples.KeyPack(MigratedKeyPackId, Samples.OtherServerId));

        var run = await _lab.RunAsync([.. Migrate("--source-state", _lab.State("source")), "--json"]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("Reminder: Remove the 25 migrated", run.Error, StringComparison.Ordinal);
        Assert.Contains(said, run.Error, StringComparison.Ordinal);
        Assert.False(run.Json.GetProperty("source").GetProperty("removedFromSource").GetBoolean());
        Assert.Equal(before, await File.ReadAllTextAsync(_lab.State("source")));
    }

    [Fact]
    public async Task FromASourceThatIsNotActivated_RemindsToRemoveThemManually()
    {
        Target();
        var source = Samples.Activated(Samples.ServerId, "windows-server-2022", Samples.Held());
        source.Status = ServerStatus.Deactivated;
        source.Credential = null;
        StateStore.Save(_lab.State("source"), source);
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, Samples.KeyPack(MigratedKeyPackId, Samples.OtherServerId));

        var run = await _lab.RunAsync(Migrate("--source-state", _lab.State("source")));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("manually: it is not activated", run.Out, StringComparison.Ordinal);
        Assert.Equal(25, Assert.Single(StateStore.Load(_lab.State("source")).Totals()).Quantity);
    }

    [Fact]
    public async Task FromASourceNamedByIdOnly_RemindsToRemoveThemManually()
    {
        Target();
        _lab.Clearinghouse.Answer(HttpStatusCode.Created, Samples.KeyPack(MigratedKeyPackId, Samples.OtherServerId));

        var run = await _lab.RunAsync(Migrate("--source", Samples.ServerId.ToLowerInvariant()));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains($"from the source license server {Samples.ServerId} manually: this license server cannot reach it", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheClearinghouseRefuses_TheSourceKeepsItsCals()
    {
        Target();
        StateStore.Save(_lab.State("source"), Samples.Activated(Samples.ServerId, "windows-server-2022", Samples.Held()));
        _lab.Clearinghouse.Problem(HttpStatusCode.Conflict, "purchase-quantity-exceeded", "The agreement holds fewer CALs.");

        var run = await _lab.RunAsync(Migrate("--source-state", _lab.State("source")));

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Equal(25, Assert.Single(StateStore.Load(_lab.State("source")).Totals()).Quantity);
    }
}

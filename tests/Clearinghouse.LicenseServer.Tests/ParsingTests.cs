using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>What is wrong on the command line is exit 2, said on stderr, and nothing is sent.</summary>
public sealed class ParsingTests : IDisposable
{
    private readonly Lab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task Help_ListsTheCommandsAndTheExitCodes()
    {
        var run = await _lab.RunAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var command in (string[])["activate", "request", "install", "reactivate", "deactivate", "status"])
        {
            Assert.Contains(command, run.Out, StringComparison.Ordinal);
        }

        Assert.Contains("2 bad input or usage", run.Out, StringComparison.Ordinal);
        Assert.Contains("3 clearinghouse unreachable", run.Out, StringComparison.Ordinal);
        Assert.Contains("4 state file", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("activate --product-id 00490-92005-99454-AT527")] // company information missing
    [InlineData("request --kind sideways --program open-license --product-version x --cal-type y --quantity 1")]
    [InlineData("request --program open-license --product-version x --cal-type y --quantity many")]
    [InlineData("install --method carrier-pigeon")]
    [InlineData("status --unknown-option")]
    public async Task CommandLineErrors_AreExit2_WithNothingSent(string commandLine)
    {
        var run = await _lab.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00490-92005-99454", "has 15 letters or digits; it has 20 (4 groups of 5)")]
    [InlineData("00490-92005-99454-AT52!", "'!' at character 20")]
    public async Task Activate_WithAMisshapenProductId_IsExit2_BeforeCalling(string productId, string said)
    {
        var run = await _lab.RunAsync(
            "activate", "--state", _lab.State(), "--url", Samples.Url, "--product-id", productId,
            "--first-name", "Ada", "--last-name", "Okafor", "--company", "Contoso", "--country", "US");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(said, run.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
        Assert.False(File.Exists(_lab.State()));
    }

    [Theory]
    [InlineData("ftp://clearinghouse.test/")]
    [InlineData("not a url")]
    public async Task Activate_WithABadUrl_IsExit2(string url)
    {
        var run = await _lab.RunAsync(Samples.ActivateArgsAt(url, _lab.State()));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--url", run.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Fact]
    public async Task Activate_WithoutAnyUrl_SaysToPassOne()
    {
        var run = await _lab.RunAsync(
            "activate", "--state", _lab.State(), "--product-id", Samples.ProductId,
            "--first-name", "Ada", "--last-name", "Okafor", "--company", "Contoso", "--country", "US");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("pass --url", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--quantity", "0", "out of range")]
    [InlineData("--quantity", "10000", "out of range")]
    [InlineData("--agreement-number", "12345", "has 5 digits; it has 7")]
    [InlineData("--agreement-number", "12345AB", "only digits")]
    public async Task Request_WithBadValues_IsExit2_BeforeCalling(string option, string value, string said)
    {
        StateStore.Save(_lab.State(), Samples.Activated());

        var run = await _lab.RunAsync(Samples.RequestArgs(_lab.State(), option, value));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(said, run.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Theory]
    [InlineData("--program license-pack", "needs --license-code")]
    [InlineData("--program open-license", "needs --license-number")]
    [InlineData("--program student-discount", "not a license program")]
    [InlineData("--kind migrate", "--reason")]
    [InlineData("--kind migrate --reason replaced", "--source <License Server ID> or --source-state")]
    [InlineData("--kind migrate --reason replaced --source 12345", "License Server ID has 5")]
    [InlineData("--kind migrate --reason replaced --source BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ", "is this one")]
    [InlineData("--reason replaced", "are for --kind migrate")]
    public async Task Request_WithOptionsThatDoNotFit_IsExit2(string options, string said)
    {
        var more = options.Split(' ');
        StateStore.Save(_lab.State(), Samples.Activated());
        string[] args =
        [
            "request", "--state", _lab.State(), "--product-version", "windows-server-2022", "--cal-type", "rds-per-user",
            "--quantity", "5", .. more,
        ];
        if (!more.Contains("--program"))
        {
            args = [.. args, "--program", "enterprise-agreement", "--agreement-number", "1234567"];
        }

        var run = await _lab.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(said, run.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Fact]
    public async Task Install_WithoutAKeyPackId_OrWithAMisshapenOne_IsExit2()
    {
        StateStore.Save(_lab.State(), Samples.Activated());

        var none = await _lab.RunAsync("install", "--state", _lab.State());
        var misshapen = await _lab.RunAsync("install", "--state", _lab.State(), "HJKMP-QRTVW-XY234");

        Assert.Equal(ExitCodes.BadInput, none.ExitCode);
        Assert.Equal(ExitCodes.BadInput, misshapen.ExitCode);
        Assert.Contains("has 15 letters or digits; it has 35", misshapen.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Fact]
    public async Task Commands_OnAServerNotActivated_SayToActivateFirst()
    {
        StateStore.Save(_lab.State(), new ServerState { ClearinghouseUrl = Samples.Url });

        var run = await _lab.RunAsync([.. Samples.RequestArgs(_lab.State())]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("run 'activate' first", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activate_OnAStateThatIsAlreadyActivated_IsRefusedLocally()
    {
        StateStore.Save(_lab.State(), Samples.Activated());

        var run = await _lab.RunAsync(Samples.ActivateArgs(_lab.State()));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("already holds activated license server", run.Error, StringComparison.Ordinal);
        Assert.Empty(_lab.Clearinghouse.Received);
    }

    [Theory]
    [InlineData("--timeout", "0")]
    [InlineData("--max-attempts", "0")]
    [InlineData("--retry-budget", "-1")]
    [InlineData("--idempotency-key", "has space")]
    public async Task GlobalOptions_OutOfRange_AreExit2(string option, string value)
    {
        var run = await _lab.RunAsync("status", "--offline", "--state", _lab.State(), option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bcdfg hjkmp qrtvw xy234 6789b cdfgh jkmpq")]
    [InlineData("BCDFGHJKMPQRTVWXY2346789BCDFGHJKMPQ")]
    public void IdShape_IgnoresCaseHyphensAndSpaces(string typed)
    {
        Assert.Equal("BCDFGHJKMPQRTVWXY2346789BCDFGHJKMPQ", IdShape.LicenseServerId.Parse(typed));
        Assert.Equal(Samples.ServerId, IdShape.LicenseServerId.Format(IdShape.LicenseServerId.Parse(typed)));
    }
}

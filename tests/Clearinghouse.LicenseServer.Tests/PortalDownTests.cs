using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>The built simulator, run as its own process as a lab script runs it, against a portal that is down.</summary>
public sealed class PortalDownTests : IDisposable
{
    private readonly Lab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Theory]
    [InlineData("activate")]
    [InlineData("status")]
    [InlineData("install")]
    public async Task AgainstAClosedPort_ItIsExit3_WithOneClearLine_AndNoStackTrace(string command)
    {
        var url = $"http://127.0.0.1:{ClosedPort()}/";
        StateStore.Save(_lab.State(), Samples.Activated());
        string[] args = command switch
        {
            "activate" => Samples.ActivateArgsAt(url, _lab.State("new")),
            "install" => ["install", "--state", _lab.State(), "--url", url, Samples.KeyPackId],
            _ => ["status", "--state", _lab.State(), "--url", url],
        };

        var (exitCode, output, error) = await RunProcessAsync([.. args, "--max-attempts", "2", "--retry-budget", "5"]);

        Assert.True(exitCode == ExitCodes.Unreachable, $"exit {exitCode}\n{output}\n{error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: The clearinghouse is unreachable or failing after 2 attempt(s): cannot connect to " + url, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task AsAProcess_UsageErrorsAreExit2_AndAMissingStateIsExit4()
    {
        var usage = await RunProcessAsync(["request", "--quantity", "lots"]);
        var missing = await RunProcessAsync(["status", "--state", _lab.State("nowhere")]);

        Assert.Equal(ExitCodes.BadInput, usage.ExitCode);
        Assert.Equal(ExitCodes.StateFile, missing.ExitCode);
        Assert.DoesNotContain("   at ", usage.Error + missing.Error, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound by the system, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string[] args, string? input = null)
    {
        // The simulator's build output is copied beside the tests (a project reference), runtimeconfig included.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Clearinghouse.LicenseServer.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The simulator was still running after 60 s: {string.Join(' ', args)}");
        }

        return (process.ExitCode, await output, await error);
    }
}

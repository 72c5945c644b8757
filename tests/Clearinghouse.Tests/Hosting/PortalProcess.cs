using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// The built portal started as its own process (<c>dotnet Clearinghouse.Web.dll</c>), as an operator starts it, with
/// settings on the command line and listening on 127.0.0.1 at a port the system picks. Its output (stdout and stderr,
/// line by line) is kept; it is killed when disposed if it still runs.
/// </summary>
public sealed partial class PortalProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the portal wrote so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public static PortalProcess Start(IDictionary<string, string> settings, string environment = "Production") =>
        Run(["--urls", "http://127.0.0.1:0", .. settings.Select(s => $"--{s.Key}={s.Value}")], environment);

    /// <summary>The portal's dll with exactly these arguments (<c>--migrate …</c>, <c>--probe …</c>).</summary>
    public static PortalProcess Run(IEnumerable<string> arguments, string environment = "Production")
    {
        // The portal's build output is copied beside the tests (a project reference), appsettings.json included.
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Clearinghouse.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        // No colours or terminal codes in what is read back.
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";

        var process = new Process { StartInfo = start };
        var portal = new PortalProcess(process);
        process.OutputDataReceived += (_, e) => portal.Add(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>Waits for the portal to stop by itself; its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The portal was still running after {timeout.TotalSeconds} s. Its output:\n{Output}");
        }

        // The exit is seen before the last lines are read: wait for the streams to end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until the portal listens; the address it listens at.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        if (first != _listening.Task)
        {
            Assert.Fail($"The portal {(first == exited ? "stopped" : "did not listen within " + timeout.TotalSeconds + " s")}. Its output:\n{Output}");
        }

        return await _listening.Task;
    }

    /// <summary>
    /// Ends the portal at once with SIGKILL, as a crash or an operator's <c>kill -9</c> would: no shutdown, nothing
    /// flushed or closed by the portal.
    /// </summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        if (Listening().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}

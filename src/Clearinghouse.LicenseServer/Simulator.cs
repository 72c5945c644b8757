using System.CommandLine;
using System.CommandLine.Invocation;
using Clearinghouse.LicenseServer.Api;
using Clearinghouse.LicenseServer.Commands;

namespace Clearinghouse.LicenseServer;

/// <summary>What the simulator reads and writes besides its state file: the console and the network.</summary>
public sealed record SimulatorHost(TextWriter Out, TextWriter Error, TextReader In, ClientEnvironment Client)
{
    public static SimulatorHost Console => new(System.Console.Out, System.Console.Error, System.Console.In, ClientEnvironment.Default);
}

/// <summary>
/// The license-server simulator's entry point: parses the command line (System.CommandLine), runs the command, and
/// turns every expected failure into one line on stderr and its exit code (<see cref="ExitCodes"/>).
/// </summary>
public static class Simulator
{
    public static async Task<int> RunAsync(string[] args, SimulatorHost host, CancellationToken cancellationToken = default)
    {
        var cli = new Cli(host);
        var parseResult = cli.Root.Parse(args);

        // System.CommandLine answers a parse error with exit code 1, which here means "refused by the clearinghouse".
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await host.Error.WriteLineAsync($"error: {error.Message}");
            }

            await host.Error.WriteLineAsync("Run with --help for the commands and their options.");
            return ExitCodes.BadInput;
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }
}

/// <summary>The command line: global options, the six commands, and how each is run.</summary>
internal sealed class Cli
{
    public const string DefaultStateFile = "license-server.json";

    private readonly SimulatorHost _host;

    public Cli(SimulatorHost host)
    {
        _host = host;
        Root = new RootCommand(
            "Clearinghouse license-server simulator: plays a Remote Desktop license server's side against a Clearinghouse " +
            "portal (activate, request CALs, install key pack IDs, migrate, reactivate, deactivate), keeping its state in a " +
            "local JSON file.\n\n" + ExitCodes.HelpText);
        foreach (var option in (Option[])[State, Url, Json, Timeout, MaxAttempts, RetryBudget, IdempotencyKey])
        {
            option.Recursive = true;
            Root.Options.Add(option);
        }

        Root.Subcommands.Add(ActivateCommand.Create(this));
        Root.Subcommands.Add(RequestCommand.Create(this));
        Root.Subcommands.Add(InstallCommand.Create(this));
        Root.Subcommands.Add(ReactivateCommand.Create(this));
        Root.Subcommands.Add(DeactivateCommand.Create(this));
        Root.Subcommands.Add(StatusCommand.Create(this));
        Root.Subcommands.Add(LabCommand.Create(this));
    }

    public RootCommand Root { get; }

    public Option<string> State { get; } = new("--state")
    {
        Description = "The license server's state file (JSON: clearinghouse URL, License Server ID, credential, key packs).",
        DefaultValueFactory = _ => DefaultStateFile,
        HelpName = "file",
    };

    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The clearinghouse's base URL, e.g. http://127.0.0.1:5000/. Remembered in the state file.",
        HelpName = "url",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one machine-readable JSON document on stdout (also for failures); other messages go to stderr.",
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds one attempt may take before it is abandoned and retried.",
        DefaultValueFactory = _ => RetryPolicy.Default.AttemptTimeout.TotalSeconds,
        HelpName = "seconds",
    };

    public Option<int> MaxAttempts { get; } = new("--max-attempts")
    {
        Description = "Attempts per call on transient failures (connection errors, timeouts, 408, 429, 502, 503, 504).",
        DefaultValueFactory = _ => RetryPolicy.Default.MaxAttempts,
        HelpName = "count",
    };

    public Option<double> RetryBudget { get; } = new("--retry-budget")
    {
        Description = "Seconds all attempts of one call may take together, waits included.",
        DefaultValueFactory = _ => RetryPolicy.Default.Budget.TotalSeconds,
        HelpName = "seconds",
    };

    public Option<string?> IdempotencyKey { get; } = new("--idempotency-key")
    {
        Description = "The Idempotency-Key sent with the command's POST or DELETE (and its retries). Default: a new GUID " +
            "per invocation; pass the same key again to get the first answer back after a failure.",
        HelpName = "key",
    };

    /// <summary>Gives <paramref name="command"/> an action that builds its context and maps failures to exit codes.</summary>
    public void SetAction(Command command, Func<CommandContext, ParseResult, CancellationToken, Task> run) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = new Output(_host.Out, _host.Error, parseResult.GetValue(Json));
            try
            {
                var context = CommandContext.Create(this, parseResult, _host, output);
                await run(context, parseResult, cancellationToken);
                return ExitCodes.Success;
            }
            catch (SimulatorException failure)
            {
                output.Failure(failure);
                return failure.ExitCode;
            }
        });
}

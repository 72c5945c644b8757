using System.CommandLine;
using System.Globalization;
using Clearinghouse.LicenseServer.Api;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>What every command gets: the global options read and checked, the state file, the client and the output.</summary>
internal sealed class CommandContext
{
    private CommandContext(string statePath, Uri? url, RetryPolicy policy, string idempotencyKey, SimulatorHost host, Output output)
    {
        StatePath = statePath;
        Url = url;
        Policy = policy;
        IdempotencyKey = idempotencyKey;
        Host = host;
        Output = output;
    }

    public string StatePath { get; }

    /// <summary>--url, when given.</summary>
    public Uri? Url { get; }

    public RetryPolicy Policy { get; }

    /// <summary>One key per invocation: every attempt of the command's POST or DELETE carries it.</summary>
    public string IdempotencyKey { get; }

    public SimulatorHost Host { get; }

    public Output Output { get; }

    public static CommandContext Create(Cli cli, ParseResult parseResult, SimulatorHost host, Output output)
    {
        var statePath = parseResult.GetValue(cli.State);
        if (string.IsNullOrWhiteSpace(statePath))
        {
            throw SimulatorException.BadInput("--state needs a file name.");
        }

        var timeout = parseResult.GetValue(cli.Timeout);
        var attempts = parseResult.GetValue(cli.MaxAttempts);
        var budget = parseResult.GetValue(cli.RetryBudget);
        if (!(timeout > 0 && timeout <= 600))
        {
            throw SimulatorException.BadInput("--timeout is in seconds, more than 0 and at most 600.");
        }

        if (attempts is < 1 or > 20)
        {
            throw SimulatorException.BadInput("--max-attempts is from 1 to 20.");
        }

        if (!(budget > 0 && budget <= 3600))
        {
            throw SimulatorException.BadInput("--retry-budget is in seconds, more than 0 and at most 3600.");
        }

        var key = parseResult.GetValue(cli.IdempotencyKey);
        if (key is not null && (key.Length is < 1 or > 100 || key.Any(c => c is < '!' or > '~')))
        {
            throw SimulatorException.BadInput("--idempotency-key is 1 to 100 printable ASCII characters, no spaces.");
        }

        var policy = RetryPolicy.Default with
        {
            MaxAttempts = attempts,
            AttemptTimeout = TimeSpan.FromSeconds(timeout),
            Budget = TimeSpan.FromSeconds(budget),
        };
        var url = parseResult.GetValue(cli.Url) is { } text ? ParseUrl(text) : null;
        return new CommandContext(statePath, url, policy, key ?? Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture), host, output);
    }

    public ServerState LoadState(bool mayBeMissing = false)
    {
        var state = StateStore.Load(StatePath, mayBeMissing);
        if (Url is not null)
        {
            // Remembered from now on (saved with the command's other changes).
            state.ClearinghouseUrl = Url.ToString();
        }

        return state;
    }

    public void Save(ServerState state) => StateStore.Save(StatePath, state);

    /// <summary>The clearinghouse to call: --url, else the one the state file remembers.</summary>
    public Uri ClearinghouseUrl(ServerState state) =>
        Url ?? (state.ClearinghouseUrl is { } remembered ? ParseUrl(remembered) : null)
        ?? throw SimulatorException.BadInput("No clearinghouse URL: pass --url (it is remembered in the state file from then on).");

    public ClearinghouseClient Client(ServerState state) =>
        new(ClearinghouseUrl(state), state.Credential, Policy, Host.Client);

    /// <summary>The state of an activated server, or a usage error saying what to do first.</summary>
    public static void RequireActivated(ServerState state, string statePath)
    {
        if (!state.IsActivated)
        {
            throw SimulatorException.BadInput(state.Status == ServerStatus.Deactivated
                ? $"The license server in {statePath} was deactivated: activate it again first ('activate')."
                : $"The license server in {statePath} is not activated: run 'activate' first.");
        }
    }

    private static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            throw SimulatorException.BadInput($"--url '{text}' is not an http(s) address such as http://127.0.0.1:5000/.");
        }

        // A base address ends in '/', or relative paths would replace its last segment.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }
}

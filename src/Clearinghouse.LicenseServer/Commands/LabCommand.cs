using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>
/// lab: lab administration for scripts (/api/v1/lab) — reset, licensing mode, ID seed, fault injection — with a lab API
/// key made on the portal's /lab/api-keys page (--lab-key, or the CLEARINGHOUSE_LAB_API_KEY environment variable).
/// The clearinghouse's address is --url or the state file's. The state file itself is not changed.
/// </summary>
internal static class LabCommand
{
    public const string KeyVariable = "CLEARINGHOUSE_LAB_API_KEY";

    public static Command Create(Cli cli)
    {
        var key = new Option<string?>("--lab-key")
        {
            Description = $"A lab API key (made on /lab/api-keys). Default: the {KeyVariable} environment variable.",
            HelpName = "key",
            Recursive = true,
        };
        var command = new Command("lab", "Lab administration for scripts: reset, mode, seed, faults, settings (needs a lab API key).") { key };

        var reset = new Command("reset", "Remove the lab's license servers, requests, key packs and purchases (accounts and the audit trail stay).");
        cli.SetAction(reset, (context, parseResult, cancellationToken) =>
            RunAsync(context, parseResult, key, HttpMethod.Post, "api/v1/lab/reset", new { confirm = "reset" }, "reset", cancellationToken));
        command.Subcommands.Add(reset);

        var modeValue = new Argument<string>("mode") { Description = "lenient, strict, or configured (back to Licensing:Mode)." };
        modeValue.AcceptOnlyFromAmong("lenient", "strict", "configured");
        var mode = new Command("mode", "Switch the licensing mode at run time.") { modeValue };
        cli.SetAction(mode, (context, parseResult, cancellationToken) =>
        {
            var value = parseResult.GetValue(modeValue);
            return RunAsync(context, parseResult, key, HttpMethod.Put, "api/v1/lab/mode",
                new { mode = value == "configured" ? null : value }, "mode", cancellationToken);
        });
        command.Subcommands.Add(mode);

        var seedValue = new Argument<string?>("seed") { Description = "The ID seed; omit it for random IDs.", Arity = ArgumentArity.ZeroOrOne };
        var seed = new Command("seed", "Set the deterministic ID seed (restarts its sequence), or clear it.") { seedValue };
        cli.SetAction(seed, (context, parseResult, cancellationToken) =>
            RunAsync(context, parseResult, key, HttpMethod.Put, "api/v1/lab/id-seed", new { seed = parseResult.GetValue(seedValue) }, "seed",
                cancellationToken));
        command.Subcommands.Add(seed);

        var delay = new Option<int>("--delay") { Description = "Milliseconds added to every API call (0–60000).", HelpName = "ms" };
        var errorRate = new Option<double>("--error-rate") { Description = "Fraction of API calls answered 503 (0–1).", HelpName = "fraction" };
        var outageFrom = new Option<DateTimeOffset?>("--outage-from") { Description = "Start of an outage window (UTC, ISO 8601).", HelpName = "time" };
        var outageTo = new Option<DateTimeOffset?>("--outage-to") { Description = "End of the outage window (UTC, ISO 8601).", HelpName = "time" };
        var faults = new Command("faults", "Set fault injection on the API; with no option, switch it off.") { delay, errorRate, outageFrom, outageTo };
        cli.SetAction(faults, (context, parseResult, cancellationToken) =>
            RunAsync(context, parseResult, key, HttpMethod.Put, "api/v1/lab/faults", new
            {
                delayMilliseconds = parseResult.GetValue(delay),
                errorRate = parseResult.GetValue(errorRate),
                outageFrom = parseResult.GetValue(outageFrom)?.ToUniversalTime(),
                outageTo = parseResult.GetValue(outageTo)?.ToUniversalTime(),
            }, "faults", cancellationToken));
        command.Subcommands.Add(faults);

        var settings = new Command("settings", "Show the lab's settings.");
        cli.SetAction(settings, (context, parseResult, cancellationToken) =>
            RunAsync(context, parseResult, key, HttpMethod.Get, "api/v1/lab/settings", null, "settings", cancellationToken));
        command.Subcommands.Add(settings);
        return command;
    }

    private static async Task RunAsync(CommandContext context, ParseResult parseResult, Option<string?> keyOption, HttpMethod method,
        string path, object? body, string name, CancellationToken cancellationToken)
    {
        var key = parseResult.GetValue(keyOption) ?? Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw SimulatorException.BadInput($"Give a lab API key: --lab-key <key> or the {KeyVariable} environment variable. " +
                "A lab administrator makes one on the portal's /lab/api-keys page.");
        }

        var state = context.LoadState(mayBeMissing: true);

        // The lab key goes where a server's credential would (Authorization: Bearer), which the lab API accepts too.
        using var client = new ClearinghouseClient(context.ClearinghouseUrl(state), key.Trim(), context.Policy, context.Host.Client);
        var answer = await client.SendAsync<JsonElement>(method, path, body, null, authenticate: true, cancellationToken);
        context.Output.Result(
            new { command = $"lab {name}", answer },
            console => console.Line(Describe(name, answer)));
    }

    private static string Describe(string name, JsonElement answer)
    {
        if (name == "reset")
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Lab reset: removed {answer.GetProperty("licenseServers").GetInt32()} license servers, {answer.GetProperty("keyPacks").GetInt32()} key packs, {answer.GetProperty("requests").GetInt32()} requests and {answer.GetProperty("purchases").GetInt32()} purchases.");
        }

        var configured = answer.GetProperty("mode").ValueKind == JsonValueKind.Null ? " (as configured)" : "";
        var seed = answer.GetProperty("idSeed").GetString() is { } text
            ? string.Create(CultureInfo.InvariantCulture, $"\"{text}\" ({answer.GetProperty("idsDrawn").GetInt64()} IDs drawn)")
            : "none";
        return $"Mode {answer.GetProperty("effectiveMode").GetString()}{configured}; ID seed {seed}; faults: {Faults(answer.GetProperty("faults"))}.";
    }

    private static string Faults(JsonElement faults)
    {
        var delay = faults.GetProperty("delayMilliseconds").GetInt32();
        var rate = faults.GetProperty("errorRate").GetDouble();
        var from = faults.GetProperty("outageFrom");
        var outage = from.ValueKind == JsonValueKind.Null ? "none" : $"{from.GetString()} to {faults.GetProperty("outageTo").GetString()}";
        return delay == 0 && rate == 0 && from.ValueKind == JsonValueKind.Null
            ? "off"
            : string.Create(CultureInfo.InvariantCulture, $"delay {delay} ms, error rate {rate}, outage {outage}");
    }
}

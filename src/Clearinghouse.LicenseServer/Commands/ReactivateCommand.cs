using System.CommandLine;
using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>reactivate: a reason → a new License Server ID and credential; the key packs follow the server.</summary>
internal static class ReactivateCommand
{
    public static Command Create(Cli cli)
    {
        var reason = new Option<string>("--reason")
        {
            Description = "Why: redeployed, certificate-corrupt, private-key-compromised, activation-key-expired or upgraded.",
            Required = true,
            HelpName = "code",
        };
        var showCredential = new Option<bool>("--show-credential") { Description = "Also print the new credential." };
        var command = new Command("reactivate", "Reactivate the license server: a new License Server ID and credential; installed key packs stay.")
        {
            reason, showCredential,
        };
        cli.SetAction(command, async (context, parseResult, cancellationToken) =>
        {
            var state = context.LoadState();
            CommandContext.RequireActivated(state, context.StatePath);
            var reasonCode = ActivateCommand.Required(parseResult.GetValue(reason), "--reason");

            using var client = context.Client(state);
            var answer = await client.ReactivateAsync(state.LicenseServerId!, new ReactivationRequest(reasonCode), context.IdempotencyKey, cancellationToken);

            var previous = state.LicenseServerId!;
            state.PreviousLicenseServerIds.Add(previous);
            state.LicenseServerId = IdShape.LicenseServerId.Parse(answer.LicenseServerId);
            state.Credential = answer.Credential;
            if (answer.KeyPacks is { } keyPacks)
            {
                state.Refresh(keyPacks, context.Host.Client.Time.GetUtcNow());
            }

            context.Save(state);
            var show = parseResult.GetValue(showCredential);
            context.Output.Result(
                new
                {
                    command = "reactivate",
                    previousLicenseServerId = Views.Id(previous),
                    licenseServerId = Views.Id(state.LicenseServerId),
                    credential = show ? state.Credential : null,
                    keyPacks = state.KeyPacks.Select(KeyPackView.Of),
                    totals = state.Totals(),
                },
                console =>
                {
                    console.Line($"License server reactivated: {Views.Id(previous)} is now {Views.Id(state.LicenseServerId)}.");
                    if (show)
                    {
                        console.Line($"Credential: {state.Credential}");
                    }

                    console.Write(Views.KeyPacks(state.KeyPacks));
                });
        });
        return command;
    }
}

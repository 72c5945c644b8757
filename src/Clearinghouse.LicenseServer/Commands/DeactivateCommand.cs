using System.CommandLine;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>deactivate: the automatic method. The ID is retired; the answer lists the key packs left on it.</summary>
internal static class DeactivateCommand
{
    public static Command Create(Cli cli)
    {
        var command = new Command("deactivate", "Deactivate the license server (its License Server ID and credential stop working).");
        cli.SetAction(command, async (context, parseResult, cancellationToken) =>
        {
            var state = context.LoadState();
            CommandContext.RequireActivated(state, context.StatePath);

            using var client = context.Client(state);
            var answer = await client.DeactivateAsync(state.LicenseServerId!, context.IdempotencyKey, cancellationToken);

            state.Status = ServerStatus.Deactivated;
            state.Credential = null;
            state.DeactivatedAt = answer.DeactivatedAt ?? context.Host.Client.Time.GetUtcNow();
            if (answer.KeyPacks is { } keyPacks)
            {
                state.Refresh(keyPacks, context.Host.Client.Time.GetUtcNow());
            }

            context.Save(state);
            context.Output.Result(
                new
                {
                    command = "deactivate",
                    licenseServerId = Views.Id(state.LicenseServerId),
                    deactivatedAt = state.DeactivatedAt,
                    keyPacks = state.KeyPacks.Select(KeyPackView.Of),
                },
                console =>
                {
                    console.Line($"License server {Views.Id(state.LicenseServerId)} deactivated at {Views.Time(state.DeactivatedAt)}.");
                    if (state.KeyPacks.Count > 0)
                    {
                        console.Line("Key packs left on it:");
                        console.Write(Views.KeyPacks(state.KeyPacks));
                    }
                });
        });
        return command;
    }
}

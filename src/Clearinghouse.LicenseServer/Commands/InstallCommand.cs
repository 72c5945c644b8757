using System.CommandLine;
using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>
/// install: the license server's "Obtain Client License Key Pack" page. Takes a license key pack ID that the web site
/// (web browser method) or a representative (telephone method) issued for this server, and submits it.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(Cli cli)
    {
        var keyPackId = new Argument<string?>("keyPackId")
        {
            Description = "The license key pack ID (35 letters or digits, 7 groups of 5). With --method and without it, it is read from stdin.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var method = new Option<string?>("--method")
        {
            Description = "web: print the site's address and this License Server ID first; telephone: print the number to call " +
                "for this server's country/region and its ID first. Then the key pack ID is taken (argument or stdin).",
            HelpName = "web|telephone",
        };
        method.AcceptOnlyFromAmong("web", "telephone");

        var command = new Command("install", "Install a license key pack ID that the web site or a representative issued for this server.")
        {
            keyPackId, method,
        };
        cli.SetAction(command, async (context, parseResult, cancellationToken) =>
        {
            var state = context.LoadState();
            CommandContext.RequireActivated(state, context.StatePath);
            var serverId = Views.Id(state.LicenseServerId);
            var url = context.ClearinghouseUrl(state);
            using var client = context.Client(state);

            var given = parseResult.GetValue(keyPackId);
            switch (parseResult.GetValue(method))
            {
                case "web":
                    context.Output.Say($"Web browser method: on any device with a browser, open {url}");
                    context.Output.Say("choose \"Install client access licenses\" (or \"Manage CALs\" to migrate), and enter this License Server ID:");
                    context.Output.Say($"  {serverId}");
                    break;
                case "telephone":
                    var catalog = await client.GetCatalogAsync(cancellationToken);
                    var country = catalog.Countries?.FirstOrDefault(c => string.Equals(c.Code, state.CountryRegion, StringComparison.OrdinalIgnoreCase));
                    context.Output.Say(country?.Phone is { Length: > 0 } phone
                        ? $"Telephone method: call {phone} ({country.Name}) and give the representative this License Server ID:"
                        : $"Telephone method: the clearinghouse lists no number for {state.CountryRegion ?? "this server's country/region"}; call your lab's desk and give this License Server ID:");
                    context.Output.Say($"  {serverId}");
                    break;
                default:
                    if (given is null)
                    {
                        throw SimulatorException.BadInput("install needs the license key pack ID (or --method web|telephone to be prompted for it).");
                    }

                    break;
            }

            if (given is null)
            {
                context.Output.Say("Type the license key pack ID you were given, then Enter:");
                given = await context.Host.In.ReadLineAsync(cancellationToken)
                    ?? throw SimulatorException.BadInput("No license key pack ID was entered.");
            }

            var id = IdShape.KeyPackId.Parse(given);
            var keyPack = await client.InstallKeyPackAsync(state.LicenseServerId!, IdShape.KeyPackId.Format(id), context.IdempotencyKey, cancellationToken);
            var held = state.Hold(keyPack);
            context.Save(state);

            context.Output.Result(
                new { command = "install", licenseServerId = serverId, keyPack = KeyPackView.Of(held) },
                console =>
                {
                    console.Line($"Key pack installed on {serverId}.");
                    console.Write(Views.KeyPack(held));
                });
        });
        return command;
    }
}

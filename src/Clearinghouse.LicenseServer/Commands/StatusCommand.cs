using System.CommandLine;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>status: what the license server holds, read from the clearinghouse (or only the state file, --offline).</summary>
internal static class StatusCommand
{
    public static Command Create(Cli cli)
    {
        var offline = new Option<bool>("--offline") { Description = "Show the state file only; call nothing." };
        var command = new Command("status", "Show the key packs the license server holds and its CALs per product version and CAL type.")
        {
            offline,
        };
        cli.SetAction(command, async (context, parseResult, cancellationToken) =>
        {
            var state = context.LoadState();
            var isOffline = parseResult.GetValue(offline);
            IReadOnlyList<Api.KeyPackTotal>? clearinghouseTotals = null;
            if (!isOffline)
            {
                CommandContext.RequireActivated(state, context.StatePath);
                using var client = context.Client(state);
                var answer = await client.GetKeyPacksAsync(state.LicenseServerId!, cancellationToken);
                state.Refresh(answer.KeyPacks, context.Host.Client.Time.GetUtcNow());
                clearinghouseTotals = answer.Totals;
                context.Save(state);
            }
            else if (context.Url is not null)
            {
                context.Save(state);
            }

            var totals = state.Totals();
            context.Output.Result(
                new
                {
                    command = "status",
                    offline = isOffline,
                    licenseServerId = state.LicenseServerId is null ? null : Views.Id(state.LicenseServerId),
                    status = state.Status,
                    operatingSystem = state.OperatingSystem,
                    productVersion = state.ProductVersion,
                    countryRegion = state.CountryRegion,
                    clearinghouseUrl = state.ClearinghouseUrl,
                    previousLicenseServerIds = state.PreviousLicenseServerIds.Select(Views.Id),
                    refreshedAt = state.RefreshedAt,
                    keyPacks = state.KeyPacks.Select(KeyPackView.Of),
                    totals,
                    clearinghouseTotals,
                },
                console =>
                {
                    console.Write(Output.Properties(
                        ("License Server ID", state.LicenseServerId is null ? "(not activated)" : Views.Id(state.LicenseServerId)),
                        ("Status", state.Status),
                        ("Operating system", state.OperatingSystem),
                        ("Accepts CALs up to", state.ProductVersion),
                        ("Country/region", state.CountryRegion),
                        ("Clearinghouse", state.ClearinghouseUrl),
                        ("Key packs as of", isOffline ? $"{Views.Time(state.RefreshedAt) ?? "never refreshed"} (offline)" : Views.Time(state.RefreshedAt))));
                    if (state.KeyPacks.Count == 0)
                    {
                        console.Line("No key packs.");
                        return;
                    }

                    console.Write(Views.KeyPacks(state.KeyPacks));
                    if (totals.Count == 0)
                    {
                        console.Line("CALs it can hand out: none.");
                        return;
                    }

                    console.Line("CALs it can hand out:");
                    console.Write(Views.Totals(totals));
                });
        });
        return command;
    }
}

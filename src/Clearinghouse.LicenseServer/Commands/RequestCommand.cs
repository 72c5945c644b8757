using System.CommandLine;
using Clearinghouse.LicenseServer.Api;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>
/// request: the automatic connection method. Asks the clearinghouse for CALs (a first install or a migration from
/// another license server) and installs the key pack it answers with.
/// </summary>
internal static class RequestCommand
{
    /// <summary>
    /// What each license program asks for as proof of purchase (the catalogue's codes, docs/api-v1-contract.md). Known
    /// here so a missing number is a usage error before the call, not a round trip.
    /// </summary>
    private static readonly Dictionary<string, string> Proofs = new(StringComparer.Ordinal)
    {
        ["license-pack"] = "retail",
        ["open-license"] = "open",
        ["select-license"] = "agreement",
        ["enterprise-agreement"] = "agreement",
        ["campus-agreement"] = "agreement",
        ["school-agreement"] = "agreement",
        ["services-provider-license-agreement"] = "agreement",
        ["other-agreement"] = "agreement",
    };

    /// <summary>
    /// Source operating systems whose license server the migration wizard can reach to remove the CALs itself; older
    /// ones (2003, 2008) leave that to the administrator, as the real wizard does.
    /// </summary>
    private static readonly HashSet<string> RemovesCalsItself = new(StringComparer.Ordinal)
    {
        "windows-server-2008-r2", "windows-server-2012", "windows-server-2012-r2", "windows-server-2016",
        "windows-server-2019", "windows-server-2022", "windows-server-2025",
    };

    public static Command Create(Cli cli)
    {
        var kind = new Option<string>("--kind") { Description = "install (a first installation of purchased CALs) or migrate (move CALs from another license server). Default: install.", DefaultValueFactory = _ => "install" };
        kind.AcceptOnlyFromAmong("install", "migrate");
        var program = new Option<string>("--program") { Description = "License program code: " + string.Join(", ", Proofs.Keys) + ".", Required = true, HelpName = "code" };
        var agreement = new Option<string?>("--agreement-number") { Description = "Agreement or enrollment number (7 digits), for agreement programs.", HelpName = "number" };
        var licenseNumber = new Option<string?>("--license-number") { Description = "Open License number (8 digits).", HelpName = "number" };
        var authorization = new Option<string?>("--authorization-number") { Description = "Open License authorization number (15 letters or digits).", HelpName = "number" };
        var codes = new Option<string[]>("--license-code") { Description = "Retail license code (25 letters or digits), for license-pack; repeat for several.", HelpName = "code" };
        var version = new Option<string>("--product-version") { Description = "Product version code of the CALs, e.g. windows-server-2022.", Required = true, HelpName = "code" };
        var calType = new Option<string>("--cal-type") { Description = "CAL type code, e.g. rds-per-user, rds-per-device.", Required = true, HelpName = "code" };
        var quantity = new Option<int>("--quantity") { Description = "How many CALs, 1 to 9,999.", Required = true, HelpName = "count" };
        var reason = new Option<string?>("--reason") { Description = "migrate: replaced (the source is being replaced by this server) or not-functioning.", HelpName = "code" };
        var source = new Option<string?>("--source") { Description = "migrate: the source License Server ID (35 letters or digits).", HelpName = "id" };
        var sourceState = new Option<string?>("--source-state") { Description = "migrate: the state file of another simulated license server, the source; its CALs are removed from it when it can be reached (Windows Server 2008 R2 or later, activated).", HelpName = "file" };

        var command = new Command("request", "Request CALs from the clearinghouse directly (automatic connection method) and install the key pack it issues.")
        {
            kind, program, agreement, licenseNumber, authorization, codes, version, calType, quantity, reason, source, sourceState,
        };
        cli.SetAction(command, async (context, parseResult, cancellationToken) =>
        {
            var state = context.LoadState();
            CommandContext.RequireActivated(state, context.StatePath);

            var migrate = parseResult.GetValue(kind) == "migrate";
            var programCode = ActivateCommand.Required(parseResult.GetValue(program), "--program");
            if (!Proofs.TryGetValue(programCode, out var proof))
            {
                throw SimulatorException.BadInput($"--program '{programCode}' is not a license program; one of: {string.Join(", ", Proofs.Keys)}.");
            }

            string? agreementNumber = null, openLicense = null, openAuthorization = null;
            IReadOnlyList<string>? licenseCodes = null;
            var givenCodes = parseResult.GetValue(codes) ?? [];
            Refuse(proof != "agreement" && parseResult.GetValue(agreement) is not null, "--agreement-number", programCode);
            Refuse(proof != "open" && (parseResult.GetValue(licenseNumber) ?? parseResult.GetValue(authorization)) is not null, "--license-number/--authorization-number", programCode);
            Refuse(proof != "retail" && givenCodes.Length > 0, "--license-code", programCode);
            switch (proof)
            {
                case "agreement":
                    agreementNumber = IdShape.AgreementNumber.Parse(parseResult.GetValue(agreement) ?? throw Missing("--agreement-number", programCode));
                    break;
                case "open":
                    openLicense = IdShape.OpenLicenseNumber.Parse(parseResult.GetValue(licenseNumber) ?? throw Missing("--license-number", programCode));
                    openAuthorization = IdShape.AuthorizationNumber.Parse(parseResult.GetValue(authorization) ?? throw Missing("--authorization-number", programCode));
                    break;
                default:
                    licenseCodes = givenCodes.Length == 0 ? throw Missing("--license-code", programCode)
                        : [.. givenCodes.Select(c => IdShape.LicenseCode.Format(IdShape.LicenseCode.Parse(c)))];
                    break;
            }

            var count = parseResult.GetValue(quantity);
            if (count is < 1 or > 9_999)
            {
                throw SimulatorException.BadInput($"--quantity {count} is out of range: 1 to 9,999 CALs per key pack.");
            }

            string? reasonCode = parseResult.GetValue(reason), sourceId = null;
            ServerState? sourceServer = null;
            var sourcePath = parseResult.GetValue(sourceState);
            if (migrate)
            {
                reasonCode = ActivateCommand.Required(reasonCode, "--reason (replaced or not-functioning)");
                var sourceGiven = parseResult.GetValue(source);
                if ((sourceGiven is null) == (sourcePath is null))
                {
                    throw SimulatorException.BadInput("A migration names its source once: --source <License Server ID> or --source-state <file>.");
                }

                if (sourcePath is not null)
                {
                    sourceServer = StateStore.Load(sourcePath);
                    sourceId = sourceServer.LicenseServerId
                        ?? throw SimulatorException.BadInput($"The source state file {sourcePath} holds no License Server ID: it was never activated.");
                    if (string.Equals(Path.GetFullPath(sourcePath), Path.GetFullPath(context.StatePath), StringComparison.Ordinal))
                    {
                        throw SimulatorException.BadInput("--source-state is this license server's own state file: CALs migrate from another server.");
                    }
                }
                else
                {
                    sourceId = IdShape.LicenseServerId.Parse(sourceGiven);
                }

                if (sourceId == state.LicenseServerId)
                {
                    throw SimulatorException.BadInput("The source license server is this one: CALs migrate from another server.");
                }
            }
            else if (reasonCode is not null || parseResult.GetValue(source) is not null || sourcePath is not null)
            {
                throw SimulatorException.BadInput("--reason, --source and --source-state are for --kind migrate.");
            }

            var body = new CalRequestBody(
                migrate ? "migrate" : "install",
                reasonCode,
                sourceId is null ? null : IdShape.LicenseServerId.Format(sourceId),
                programCode,
                agreementNumber,
                openLicense,
                openAuthorization is null ? null : IdShape.AuthorizationNumber.Format(openAuthorization),
                licenseCodes,
                ActivateCommand.Required(parseResult.GetValue(version), "--product-version"),
                ActivateCommand.Required(parseResult.GetValue(calType), "--cal-type"),
                count);

            using var client = context.Client(state);
            var keyPack = await client.RequestCalsAsync(state.LicenseServerId!, body, context.IdempotencyKey, cancellationToken);
            var held = state.Hold(keyPack);
            context.Save(state);

            var sourceOutcome = migrate ? RemoveFromSource(sourceId!, sourceServer, sourcePath, held) : null;
            if (sourceOutcome is { Reminder: { } reminder })
            {
                context.Output.Say(reminder);
            }

            context.Output.Result(
                new
                {
                    command = "request",
                    kind = body.Kind,
                    licenseServerId = Views.Id(state.LicenseServerId),
                    keyPack = KeyPackView.Of(held),
                    source = sourceOutcome,
                },
                console =>
                {
                    console.Line(migrate
                        ? $"CALs migrated from {Views.Id(sourceId)} and installed on {Views.Id(state.LicenseServerId)}."
                        : $"CALs installed on {Views.Id(state.LicenseServerId)}.");
                    console.Write(Views.KeyPack(held));
                    if (sourceOutcome is { RemovedFromSource: true })
                    {
                        console.Line($"Removed {Views.Number(sourceOutcome.RemovedQuantity)} CAL(s) from the source license server {Views.Id(sourceId)} ({sourcePath}).");
                    }

                    console.Line("Retain the license key pack ID: it is what support asks for when CALs must be recovered.");
                });
        });
        return command;
    }

    /// <summary>
    /// What the migration wizard does about the source: removes the CALs itself when it can reach it (a state file it
    /// can read, Windows Server 2008 R2 or later, activated), otherwise reminds the administrator to.
    /// </summary>
    private static SourceOutcome RemoveFromSource(string sourceId, ServerState? source, string? sourcePath, HeldKeyPack migrated)
    {
        var manual = $"Remove the {Views.Number(migrated.Quantity)} migrated {migrated.ProductVersion} {migrated.CalType} CAL(s) " +
            $"from the source license server {Views.Id(sourceId)} manually";
        if (source is null || sourcePath is null)
        {
            return new SourceOutcome(Views.Id(sourceId), false, 0, $"Reminder: {manual}: this license server cannot reach it.");
        }

        if (!source.IsActivated)
        {
            return new SourceOutcome(Views.Id(sourceId), false, 0, $"Reminder: {manual}: it is not activated.");
        }

        if (source.OperatingSystem is null || !RemovesCalsItself.Contains(source.OperatingSystem))
        {
            return new SourceOutcome(Views.Id(sourceId), false, 0,
                $"Reminder: {manual}: it runs {source.OperatingSystem ?? "an unknown operating system"}, earlier than Windows Server 2008 R2.");
        }

        var removed = source.RemoveCals(migrated.ProductVersion, migrated.CalType, migrated.Quantity);
        StateStore.Save(sourcePath, source);
        return new SourceOutcome(Views.Id(sourceId), true, removed,
            removed < migrated.Quantity
                ? $"Note: the source license server held only {Views.Number(removed)} {migrated.ProductVersion} {migrated.CalType} CAL(s); those were removed."
                : null);
    }

    private static void Refuse(bool given, string option, string program)
    {
        if (given)
        {
            throw SimulatorException.BadInput($"{option} does not belong with --program {program}.");
        }
    }

    private static SimulatorException Missing(string option, string program) =>
        SimulatorException.BadInput($"--program {program} needs {option}.");

    internal sealed record SourceOutcome(string LicenseServerId, bool RemovedFromSource, int RemovedQuantity, string? Reminder);
}

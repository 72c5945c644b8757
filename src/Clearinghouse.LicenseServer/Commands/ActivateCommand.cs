using System.CommandLine;
using Clearinghouse.LicenseServer.Api;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Commands;

/// <summary>activate: Product ID and company information → a License Server ID and the credential it calls with.</summary>
internal static class ActivateCommand
{
    public static Command Create(Cli cli)
    {
        var productId = new Option<string>("--product-id") { Description = "The Product ID the license server shows, 4 groups of 5 (e.g. 00490-92005-99454-AT527).", Required = true, HelpName = "id" };
        var operatingSystem = new Option<string>("--os", "--operating-system")
        {
            Description = "The operating system it runs, as a catalogue code (windows-server-2008-r2 … windows-server-2025). Default: windows-server-2022.",
            DefaultValueFactory = _ => "windows-server-2022",
            HelpName = "code",
        };
        var firstName = new Option<string>("--first-name") { Description = "Contact's first or given name.", Required = true };
        var lastName = new Option<string>("--last-name") { Description = "Contact's last name or surname.", Required = true };
        var company = new Option<string>("--company") { Description = "Company name.", Required = true };
        var country = new Option<string>("--country") { Description = "Country/region, ISO 3166 code (e.g. US, DE, JP): it picks the telephone number shown.", Required = true, HelpName = "code" };
        var email = new Option<string?>("--email") { Description = "Contact's e-mail (optional)." };
        var unit = new Option<string?>("--organizational-unit") { Description = "The unit this license server serves (optional)." };
        var street = new Option<string?>("--street") { Description = "Company address (optional)." };
        var city = new Option<string?>("--city") { Description = "City (optional)." };
        var stateProvince = new Option<string?>("--state-province") { Description = "State or province (optional)." };
        var postalCode = new Option<string?>("--postal-code") { Description = "Postal code (optional)." };
        var showCredential = new Option<bool>("--show-credential") { Description = "Also print the credential (kept in the state file either way; never shown again)." };

        var command = new Command("activate", "Activate the license server: a new License Server ID and credential, saved in the state file.")
        {
            productId, operatingSystem, firstName, lastName, company, country, email, unit, street, city, stateProvince, postalCode, showCredential,
        };
        cli.SetAction(command, async (context, parseResult, cancellationToken) =>
        {
            var state = context.LoadState(mayBeMissing: true);
            if (state.IsActivated)
            {
                throw SimulatorException.BadInput(
                    $"The state file {context.StatePath} already holds activated license server {Views.Id(state.LicenseServerId)}: " +
                    "use 'reactivate', or another --state for another server.");
            }

            var product = IdShape.ProductId.Parse(parseResult.GetValue(productId));
            var os = Required(parseResult.GetValue(operatingSystem), "--os");
            var countryCode = Required(parseResult.GetValue(country), "--country").ToUpperInvariant();
            if (countryCode.Length != 2 || !countryCode.All(char.IsAsciiLetter))
            {
                throw SimulatorException.BadInput($"--country '{countryCode}' is not an ISO 3166 code of two letters (US, DE, JP …).");
            }

            var address = (parseResult.GetValue(street), parseResult.GetValue(city), parseResult.GetValue(stateProvince), parseResult.GetValue(postalCode)) switch
            {
                (null, null, null, null) => null,
                var (s, c, p, z) => new Address(s, c, p, z),
            };
            var body = new ActivationRequest(
                IdShape.ProductId.Format(product),
                os,
                new CompanyInformation(
                    Required(parseResult.GetValue(firstName), "--first-name"),
                    Required(parseResult.GetValue(lastName), "--last-name"),
                    Required(parseResult.GetValue(company), "--company"),
                    countryCode,
                    parseResult.GetValue(email),
                    parseResult.GetValue(unit),
                    address));

            var url = context.ClearinghouseUrl(state);
            using var client = context.Client(state);
            var answer = await client.ActivateAsync(body, context.IdempotencyKey, cancellationToken);

            if (state.LicenseServerId is { } earlier)
            {
                state.PreviousLicenseServerIds.Add(earlier);
            }

            state.ClearinghouseUrl = url.ToString();
            state.Status = ServerStatus.Activated;
            state.LicenseServerId = IdShape.LicenseServerId.Parse(answer.LicenseServerId);
            state.Credential = answer.Credential;
            state.OperatingSystem = answer.OperatingSystem ?? os;
            state.ProductVersion = answer.ProductVersion;
            state.CountryRegion = countryCode;
            state.ActivatedAt = answer.ActivatedAt;
            state.DeactivatedAt = null;
            state.KeyPacks = [];
            state.RefreshedAt = null;
            context.Save(state);

            var show = parseResult.GetValue(showCredential);
            context.Output.Result(
                new
                {
                    command = "activate",
                    licenseServerId = Views.Id(state.LicenseServerId),
                    operatingSystem = state.OperatingSystem,
                    productVersion = state.ProductVersion,
                    countryRegion = state.CountryRegion,
                    activatedAt = state.ActivatedAt,
                    clearinghouseUrl = state.ClearinghouseUrl,
                    stateFile = Path.GetFullPath(context.StatePath),
                    credential = show ? state.Credential : null,
                },
                console =>
                {
                    console.Line("License server activated.");
                    console.Write(Output.Properties(
                        ("License Server ID", Views.Id(state.LicenseServerId)),
                        ("Operating system", state.OperatingSystem),
                        ("Accepts CALs up to", state.ProductVersion),
                        ("Country/region", state.CountryRegion),
                        ("Activated", Views.Time(state.ActivatedAt)),
                        ("Clearinghouse", state.ClearinghouseUrl),
                        ("State file", Path.GetFullPath(context.StatePath)),
                        ("Credential", show ? state.Credential : null)));
                    if (!show)
                    {
                        console.Line("The credential is kept in the state file (pass --show-credential to see it now; it is not shown again).");
                    }
                });
        });
        return command;
    }

    internal static string Required(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw SimulatorException.BadInput($"{option} needs a value.") : value.Trim();
}

using System.Net;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>IDs of the right shape and the answers the API v1 contract describes, for tests with the fake clearinghouse.</summary>
public static class Samples
{
    public const string Url = "http://clearinghouse.test/";

    public const string ProductId = "00490-92005-99454-AT527";

    public const string ServerId = "BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ";

    public const string OtherServerId = "QRTVW-XY234-6789B-CDFGH-JKMPQ-BCDFG-HJKMP";

    public const string KeyPackId = "HJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ-BCDFG";

    public const string Credential = "s3cret-credential-never-shown";

    public static object Activation(string serverId = ServerId, string credential = Credential) => new
    {
        licenseServerId = serverId,
        credential,
        operatingSystem = "windows-server-2022",
        productVersion = "windows-server-2022",
        activatedAt = "2026-03-01T12:00:00Z",
    };

    public static object KeyPack(string keyPackId = KeyPackId, string serverId = ServerId, int quantity = 25,
        string version = "windows-server-2022", string calType = "rds-per-user", string status = "installed") => new
    {
        keyPackId,
        licenseServerId = serverId,
        licenseProgram = "enterprise-agreement",
        productVersion = version,
        calType,
        quantity,
        issuedAt = "2026-03-01T12:00:00Z",
        installedAt = "2026-03-01T12:00:01Z",
        status,
    };

    public static string[] ActivateArgs(string state, params string[] more) => ActivateArgsAt(Url, state, more);

    public static string[] ActivateArgsAt(string url, string state, params string[] more) =>
    [
        "activate", "--state", state, "--url", url, "--product-id", ProductId,
        "--first-name", "Ada", "--last-name", "Okafor", "--company", "Contoso Lab", "--country", "US", .. more,
    ];

    /// <summary>A request for 25 Windows Server 2022 per-user CALs under an agreement; <paramref name="more"/> adds or overrides options.</summary>
    public static string[] RequestArgs(string state, params string[] more)
    {
        var options = new List<(string Name, string? Value)>
        {
            ("--state", state), ("--program", "enterprise-agreement"), ("--agreement-number", "1234567"),
            ("--product-version", "windows-server-2022"), ("--cal-type", "rds-per-user"), ("--quantity", "25"),
        };
        var rest = new List<string>();
        for (var i = 0; i < more.Length; i++)
        {
            var at = options.FindIndex(o => o.Name == more[i]);
            if (at >= 0 && i + 1 < more.Length)
            {
                options[at] = (more[i], more[++i]);
            }
            else
            {
                rest.Add(more[i]);
            }
        }

        return ["request", .. options.SelectMany(o => (string[])[o.Name, o.Value!]), .. rest];
    }

    /// <summary>A state file of an activated server, written as the simulator writes it.</summary>
    public static ServerState Activated(string serverId = ServerId, string os = "windows-server-2022", params HeldKeyPack[] keyPacks) => new()
    {
        ClearinghouseUrl = Url,
        Status = ServerStatus.Activated,
        LicenseServerId = HeldKeyPack.Canonical(serverId),
        Credential = Credential,
        OperatingSystem = os,
        ProductVersion = "windows-server-2022",
        CountryRegion = "US",
        KeyPacks = [.. keyPacks],
    };

    public static HeldKeyPack Held(string keyPackId = KeyPackId, int quantity = 25, string version = "windows-server-2022", string calType = "rds-per-user") => new()
    {
        KeyPackId = HeldKeyPack.Canonical(keyPackId),
        LicenseProgram = "enterprise-agreement",
        ProductVersion = version,
        CalType = calType,
        Quantity = quantity,
        IssuedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    public static FakeClearinghouse Activates(this FakeClearinghouse fake) =>
        fake.Answer(HttpStatusCode.Created, Activation());
}

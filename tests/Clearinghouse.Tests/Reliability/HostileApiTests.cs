using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clearinghouse.Tests.Hosting;
using Clearinghouse.Tests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Clearinghouse.Tests.Reliability;

/// <summary>
/// Random and malicious values in every field of every API body, wrong JSON types, broken and huge bodies: each is
/// refused with problem details naming the field (or taken, when it is valid), never a 500 or an error in the log, and
/// a refused body leaves no record behind.
/// </summary>
public abstract class HostileApiTests<TFactory> : IClassFixture<TFactory>, IDisposable
    where TFactory : ClearinghouseFactory
{
    // Bounded: some seconds per provider. A failure prints the seed that repeats it (CsCheck's seed parameter).
    private const int Requests = 150;

    private const string Placeholder = "__hostile__";

    private readonly TFactory _factory;
    private readonly ITestOutputHelper _output;
    private readonly CapturedLogs _logs = new();
    private readonly WebApplicationFactory<Program> _host;

    protected HostileApiTests(TFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
        _host = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));
    }

    private enum Endpoint
    {
        Activate,
        RequestCals,
        Reactivate,
        InstallKeyPack,
    }

    private static readonly Dictionary<Endpoint, string[]> Fields = new()
    {
        [Endpoint.Activate] =
        [
            "productId", "operatingSystem", "company", "company.firstName", "company.lastName", "company.companyName",
            "company.countryRegion", "company.email", "company.organizationalUnit", "company.address",
            "company.address.street", "company.address.city", "company.address.stateProvince", "company.address.postalCode",
        ],
        [Endpoint.RequestCals] =
        [
            "kind", "reason", "sourceLicenseServerId", "licenseProgram", "agreementNumber", "licenseNumber",
            "authorizationNumber", "licenseCodes", "licenseCodes.0", "productVersion", "calType", "quantity",
        ],
        [Endpoint.Reactivate] = ["reason"],
        [Endpoint.InstallKeyPack] = ["keyPackId"],
    };

    /// <summary>JSON that is not a string: numbers out of range, other types, deep nesting.</summary>
    private static readonly string[] NotStrings =
    [
        "1e400", "-1", "0", "2147483648", "-2147483649", "9999", "10000", "0.5", "1e2", "true", "false", "null", "[]", "{}",
        "[\"x\"]", "{\"x\":1}", "\"5\"", string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)),
        "[" + string.Join(',', Enumerable.Repeat("\"BCDFG-HJKMP-QRTVW-XY234-6789B\"", 2_000)) + "]",
    ];

    /// <summary>Whole bodies that are not the JSON asked for.</summary>
    private static readonly string[] Bodies =
    [
        "", " ", "{", "}", "[]", "null", "\"x\"", "42", "{\"a\":", "{'kind':'install'}", "{\"kind\":\"install\",\"kind\":\"migrate\"}",
        "\uFEFF{}", "{\"keyPackId\":\"\\u0000\"}", "{\"reason\":\"\\ud800\"}", "<xml/>", "kind=install",
        string.Concat(Enumerable.Repeat("{\"a\":", 5_000)), "{\"productId\":\"" + new string('9', 70_000) + "\"}",
    ];

    private static readonly Gen<string> JsonValueText = Gen.Frequency(
        (3, (IGen<string>)Hostile.Value.Select(JsonString)),
        (1, Gen.OneOf(NotStrings)));

    [Fact]
    public async Task EveryFieldOfEveryBody_WithHostileValues_IsRefusedNamingTheFieldOrTaken_AndARefusalLeavesNoRecord()
    {
        using var client = _host.CreateClient();
        var server = await client.ActivateAsync();
        var keyPackId = await IssueAsync(client, server);
        var failures = new List<string>();
        var tally = new Dictionary<int, int>();

        // What is sent: an endpoint; then a field given a hostile value (0), a field left out (1), or a hostile body (2).
        var gen = Gen.Select(Gen.OneOf(Enum.GetValues<Endpoint>()), Gen.Frequency((6, 0), (2, 1), (2, 2)), Gen.Int[0, 99],
            Gen.Select(JsonValueText, Gen.OneOf(Bodies), Gen.Frequency((9, "application/json"), (1, "text/plain"))));

        await gen.SampleAsync(async (endpoint, mutation, fieldIndex, values) =>
        {
            var (valueText, rawBody, contentType) = values;
            var fields = Fields[endpoint];
            var field = fields[fieldIndex % fields.Length];
            var body = mutation switch
            {
                0 => Replace(ValidBody(endpoint, keyPackId), field, valueText),
                1 => Replace(ValidBody(endpoint, keyPackId), field, null),
                _ => rawBody,
            };
            var path = endpoint switch
            {
                Endpoint.Activate => "/api/v1/license-servers",
                Endpoint.RequestCals => $"/api/v1/license-servers/{server.Id}/cal-requests",
                Endpoint.Reactivate => $"/api/v1/license-servers/{server.Id}/reactivations",
                Endpoint.InstallKeyPack => $"/api/v1/license-servers/{server.Id}/key-pack-installations",
                _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
            };
            var what = $"{endpoint} {(mutation == 2 ? "body" : field)} {(mutation == 1 ? "left out" : $"'{Hostile.Show(mutation == 2 ? rawBody : valueText)}'")} as {contentType}";
            var before = await CountsAsync();

            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            if (endpoint != Endpoint.Activate)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Credential);
            }

            using var response = await client.SendAsync(request);

            var status = (int)response.StatusCode;
            tally[status] = tally.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500 || status < 200)
            {
                failures.Add($"{what}: answered {status}: {text[..Math.Min(text.Length, 300)]}");
                return;
            }

            if (status < 300)
            {
                if (endpoint == Endpoint.Reactivate)
                {
                    // Taken: the server has a new ID and credential now; go on with a server of its own.
                    server = await client.ActivateAsync();
                    keyPackId = await IssueAsync(client, server);
                }

                return;
            }

            if (await CountsAsync() != before)
            {
                failures.Add($"{what}: refused ({status}), yet it left records: {before} before, {await CountsAsync()} after");
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{what}: refused ({status}) with {response.Content.Headers.ContentType}, not problem details");
                return;
            }

            var problem = JsonSerializer.Deserialize<JsonElement>(text);
            if (!problem.TryGetProperty("code", out _) || !problem.TryGetProperty("detail", out var detail) || string.IsNullOrWhiteSpace(detail.GetString()))
            {
                failures.Add($"{what}: refused ({status}) without a code and a detail: {text}");
                return;
            }

            // A field at fault is named: as the problem's field, among its errors, or in its detail.
            var leaf = field.Split('.').Last(s => !s.All(char.IsDigit));
            if (mutation != 2 && status == 400 && !Names(problem, leaf))
            {
                failures.Add($"{what}: refused without naming {leaf}: {text[..Math.Min(text.Length, 400)]}");
            }
        }, iter: Requests, threads: 1, print: t => $"{t.Item1} mutation {t.Item2} field #{t.Item3} '{Hostile.Show(t.Item4.Item1)}' / body '{Hostile.Show(t.Item4.Item2)}' {t.Item4.Item3}");

        _output.WriteLine($"{Requests} requests: " + string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Value}× {t.Key}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {Requests} requests went wrong:\n" + string.Join('\n', failures.Distinct().Take(40)));
        Assert.True(_logs.Errors.Count == 0, "errors logged:\n" + string.Join('\n', _logs.Errors.Take(10)));
    }

    [Fact]
    public async Task RequestCals_RefusedByARule_LeavesNoRecord()
    {
        using var client = _host.CreateClient();
        var server = await client.ActivateAsync("windows-server-2016");
        var code = LicensingRequests.NewRetailCode();
        object Retail(string version) => new
        {
            kind = "install", licenseProgram = "license-pack", licenseCodes = new[] { code }, productVersion = version,
            calType = "rds-per-user", quantity = 5,
        };
        using (var first = await client.RequestCalsAsync(server, Retail("windows-server-2016")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var before = await CountsAsync();

        // Newer CALs than the server takes; then a retail license code that installed once already.
        using var newer = await client.RequestCalsAsync(server, Retail("windows-server-2022"));
        using var again = await client.RequestCalsAsync(server, Retail("windows-server-2016"));

        await Problems.ReadAsync(newer, HttpStatusCode.Conflict, Clearinghouse.Web.Licensing.ErrorCodes.CalVersionNewerThanServer);
        await Problems.ReadAsync(again, HttpStatusCode.Conflict, Clearinghouse.Web.Licensing.ErrorCodes.LicenseCodeAlreadyInstalled);
        Assert.Equal(before, await CountsAsync());
        Assert.True(_logs.Errors.Count == 0, "errors logged:\n" + string.Join('\n', _logs.Errors.Take(10)));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private static bool Names(JsonElement problem, string leaf)
    {
        bool Has(string? text) => text?.Contains(leaf, StringComparison.OrdinalIgnoreCase) == true;
        return (problem.TryGetProperty("field", out var field) && Has(field.GetString())) ||
               (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object &&
                errors.EnumerateObject().Any(e => Has(e.Name))) ||
               Has(problem.GetProperty("detail").GetString());
    }

    private static JsonObject ValidBody(Endpoint endpoint, string keyPackId) => endpoint switch
    {
        Endpoint.Activate => JsonSerializer.SerializeToNode(new
        {
            productId = LicensingRequests.NewProductId(),
            operatingSystem = "windows-server-2022",
            company = new
            {
                firstName = "Ada", lastName = "Okafor", companyName = "Contoso Lab", countryRegion = "NZ", email = "ada@contoso.example",
                organizationalUnit = "Finance", address = new { street = "1 Queen St", city = "Auckland", stateProvince = "Auckland", postalCode = "1010" },
            },
        })!.AsObject(),

        // Every program's reference at once: the validator reads the one the program asks for.
        Endpoint.RequestCals => JsonSerializer.SerializeToNode(new
        {
            kind = "migrate",
            reason = "replaced",
            sourceLicenseServerId = KeyPacks.NewLicenseServerId(),
            licenseProgram = "enterprise-agreement",
            agreementNumber = KeyPacks.NewAgreementNumber(),
            licenseNumber = "12345678",
            authorizationNumber = "ABCDE12345FGHIJ",
            licenseCodes = new[] { LicensingRequests.NewRetailCode() },
            productVersion = "windows-server-2022",
            calType = "rds-per-user",
            quantity = 5,
        })!.AsObject(),
        Endpoint.Reactivate => new JsonObject { ["reason"] = "redeployed" },
        Endpoint.InstallKeyPack => new JsonObject { ["keyPackId"] = keyPackId },
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };

    /// <summary>The body with the field at <paramref name="path"/> ("company.address.city", "licenseCodes.0") set to raw JSON, or left out.</summary>
    private static string Replace(JsonObject body, string path, string? json)
    {
        var segments = path.Split('.');
        JsonNode parent = body;
        foreach (var segment in segments[..^1])
        {
            parent = int.TryParse(segment, out var i) ? parent[i]! : parent[segment]!;
        }

        var last = segments[^1];
        if (json is null)
        {
            if (parent is JsonObject o)
            {
                o.Remove(last);
            }
            else
            {
                parent.AsArray().RemoveAt(int.Parse(last, System.Globalization.CultureInfo.InvariantCulture));
            }

            return body.ToJsonString();
        }

        if (parent is JsonObject obj)
        {
            obj[last] = Placeholder;
        }
        else
        {
            parent[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = Placeholder;
        }

        return body.ToJsonString().Replace($"\"{Placeholder}\"", json, StringComparison.Ordinal);
    }

    /// <summary>A JSON string literal that escapes everything outside printable ASCII, lone surrogates included.</summary>
    private static string JsonString(string value)
    {
        var json = new StringBuilder("\"");
        foreach (var c in value)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    private static async Task<string> IssueAsync(HttpClient client, ApiServer server)
    {
        // Installed at once (the automatic method); submitting its ID again is the same install, answered alike.
        using var response = await client.RequestCalsAsync(server, ApiClient.Agreement("install", 3));
        var body = await response.ReadJsonAsync();
        return body.GetProperty("keyPackId").GetString()!;
    }

    private Task<string> CountsAsync() =>
        _factory.WithDbAsync(async db =>
            $"{await db.CalRequests.CountAsync()} requests, {await db.KeyPacks.CountAsync()} key packs, " +
            $"{await db.LicenseServers.CountAsync()} servers, {await db.KeyPackInstallations.CountAsync()} installations");
}

public sealed class HostileApiTestsOnSqlite(ClearinghouseFactory factory, ITestOutputHelper output)
    : HostileApiTests<ClearinghouseFactory>(factory, output);

[Trait("Database", "PostgreSql")]
public sealed class HostileApiTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory, ITestOutputHelper output)
    : HostileApiTests<PostgreSqlClearinghouseFactory>(factory, output);
